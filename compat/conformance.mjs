// Drives the official HighLevel SDK (@gohighlevel/api-client) against a dealflow server and checks the answers.
// Usage: node conformance.mjs <base-url> <api-key> <location-id>
// The SDK reads its base URL from the static HighLevel.BASE_URL when a client is constructed, so setting it first
// points every service at dealflow. Pipeline create, replace and delete are not in the SDK's opportunities service;
// they go through the SDK's own HTTP client (same base URL, token and Version header).
import sdk from '@gohighlevel/api-client';
import assert from 'node:assert/strict';

const { HighLevel } = sdk;
const [baseUrl, apiKey, locationId] = process.argv.slice(2);
if (!baseUrl || !apiKey || !locationId) {
    console.error('usage: node conformance.mjs <base-url> <api-key> <location-id>');
    process.exit(2);
}

HighLevel.BASE_URL = baseUrl.replace(/\/$/, '');
const ghl = new HighLevel({ privateIntegrationToken: apiKey, logLevel: 'error' });
const opportunities = ghl.opportunities;
const http = ghl.getHttpClient();
const unique = Date.now().toString(36);
let passed = 0;

async function step(name, body) {
    try {
        await body();
        passed++;
        console.log(`ok   ${name}`);
    } catch (error) {
        const answer = error.response ? ` -> ${error.statusCode ?? error.response.status} `
            + JSON.stringify(error.response.data ?? error.response) : '';
        console.error(`FAIL ${name}: ${error.message}${answer}`);
        process.exit(1);
    }
}

async function refusedWith(status, call) {
    try {
        await call();
    } catch (error) {
        const actual = error.statusCode ?? error.response?.status;
        assert.equal(actual, status, `expected ${status}, got ${actual}: ${error.message}`);
        return error;
    }
    assert.fail(`expected a ${status} refusal`);
}

let pipeline;
let opportunity;
let upserted;

await step('create a pipeline (SDK HTTP client)', async () => {
    const { data, status } = await http.post('/opportunities/pipelines', {
        name: `SDK pipeline ${unique}`, locationId,
        stages: [{ name: 'Lead', position: 0, stageWinProbability: 10 },
            { name: 'Demo', position: 1, stageWinProbability: 40 },
            { name: 'Proposal', position: 2, stageWinProbability: 70 }],
    });
    assert.equal(status, 201);
    pipeline = data;
    assert.deepEqual(pipeline.stages.map(stage => stage.name), ['Lead', 'Demo', 'Proposal']);
});

await step('getPipelines', async () => {
    const { pipelines } = await opportunities.getPipelines({ locationId });
    const found = pipelines.find(candidate => candidate.id === pipeline.id);
    assert.ok(found, 'the new pipeline is listed');
    assert.equal(found.stages.length, 3);
});

await step('createOpportunity', async () => {
    const answer = await opportunities.createOpportunity({
        pipelineId: pipeline.id, locationId, name: 'SDK deal', status: 'open', contactId: `contact-${unique}`,
        monetaryValue: 1200, assignedTo: 'user-1',
        customFields: [{ id: 'region', field_value: 'EMEA' }],
    });
    opportunity = answer.opportunity;
    assert.equal(opportunity.name, 'SDK deal');
    assert.equal(opportunity.pipelineStageId, pipeline.stages[0].id);
    assert.equal(opportunity.monetaryValue, 1200);
    assert.equal(opportunity.status, 'open');
    assert.match(opportunity.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

await step('createOpportunity refuses a bad body with 422 and messages', async () => {
    const error = await refusedWith(422, () => opportunities.createOpportunity({ locationId, name: '' }));
    const body = error.response?.data ?? error.response;
    assert.ok(Array.isArray(body.message), 'message is an array');
});

await step('getOpportunity', async () => {
    const { opportunity: read } = await opportunities.getOpportunity({ id: opportunity.id });
    assert.equal(read.id, opportunity.id);
    assert.equal(read.contactId, `contact-${unique}`);
    assert.deepEqual(read.customFields, [{ id: 'region', fieldValue: 'EMEA' }]);
});

await step('updateOpportunity', async () => {
    const { opportunity: updated } = await opportunities.updateOpportunity({ id: opportunity.id }, {
        name: 'SDK deal, bigger', monetaryValue: 2500, pipelineStageId: pipeline.stages[1].id,
    });
    assert.equal(updated.name, 'SDK deal, bigger');
    assert.equal(updated.monetaryValue, 2500);
    assert.equal(updated.pipelineStageId, pipeline.stages[1].id);
    assert.ok(updated.indexVersion > opportunity.indexVersion, 'indexVersion grows');
});

await step('updateOpportunityStatus', async () => {
    const answer = await opportunities.updateOpportunityStatus({ id: opportunity.id }, { status: 'won' });
    assert.equal(answer.succeded, true);
    const { opportunity: read } = await opportunities.getOpportunity({ id: opportunity.id });
    assert.equal(read.status, 'won');
    assert.equal(read.pipelineStageId, pipeline.stages[1].id, 'a won deal keeps its stage');
});

await step('upsertOpportunity creates, then updates the open deal of the contact', async () => {
    const request = {
        pipelineId: pipeline.id, locationId, contactId: `upsert-${unique}`, name: 'Upserted deal', status: 'open',
        followers: [], isRemoveAllFollowers: false, followersActionType: 'add',
    };
    const created = await opportunities.upsertOpportunity(request);
    assert.equal(created.new, true);
    upserted = created.opportunity;
    const updated = await opportunities.upsertOpportunity({ ...request, monetaryValue: 300 });
    assert.equal(updated.new, false);
    assert.equal(updated.opportunity.id, upserted.id);
    assert.equal(updated.opportunity.monetaryValue, 300);
});

await step('addFollowersOpportunity and removeFollowersOpportunity', async () => {
    const added = await opportunities.addFollowersOpportunity({ id: upserted.id }, { followers: ['u-1', 'u-2'] });
    assert.deepEqual(added.followersAdded, ['u-1', 'u-2']);
    const removed = await opportunities.removeFollowersOpportunity({ id: upserted.id }, { followers: ['u-1'] });
    assert.deepEqual(removed.followersRemoved, ['u-1']);
    assert.deepEqual(removed.followers, ['u-2']);
});

await step('searchOpportunity (query parameters)', async () => {
    const found = await opportunities.searchOpportunity({ locationId, pipelineId: pipeline.id, limit: 1 });
    assert.equal(found.meta.total, 2);
    assert.equal(found.opportunities.length, 1);
    assert.ok(found.meta.nextPageUrl, 'a next page');
    const next = await opportunities.searchOpportunity({
        locationId, pipelineId: pipeline.id, limit: 1,
        startAfter: String(found.meta.startAfter), startAfterId: found.meta.startAfterId,
    });
    assert.equal(next.opportunities.length, 1);
    assert.notEqual(next.opportunities[0].id, found.opportunities[0].id);
    const won = await opportunities.searchOpportunity({ locationId, pipelineId: pipeline.id, status: 'won' });
    assert.deepEqual(won.opportunities.map(hit => hit.id), [opportunity.id]);
});

await step('searchOpportunitiesAdvanced (filters)', async () => {
    const found = await opportunities.searchOpportunitiesAdvanced({
        locationId, limit: 10, page: 1,
        filters: [{ field: 'pipeline_id', operator: 'eq', value: pipeline.id },
            { group: 'OR', filters: [{ field: 'status', operator: 'eq', value: 'won' },
                { field: 'monetary_value', operator: 'range', value: { lte: 500 } }] }],
        sort: [{ field: 'monetary_value', direction: 'asc' }],
    });
    assert.equal(found.total, 2);
    assert.deepEqual(found.opportunities.map(hit => hit.id), [upserted.id, opportunity.id]);
});

await step('getLostReason', async () => {
    const answer = await opportunities.getLostReason({ locationId });
    assert.ok(Array.isArray(answer.lostReasons));
    assert.equal(typeof answer.total, 'number');
});

await step('replace the pipeline stages (SDK HTTP client)', async () => {
    const { data } = await http.put(`/opportunities/pipelines/${pipeline.id}`, {
        name: `SDK pipeline ${unique} renamed`,
        stages: [{ id: pipeline.stages[0].id, name: 'Lead' }, { id: pipeline.stages[2].id, name: 'Offer' },
            { name: 'Closing' }],
    });
    assert.deepEqual(data.stages.map(stage => stage.name), ['Lead', 'Offer', 'Closing']);
    const { opportunity: moved } = await opportunities.getOpportunity({ id: opportunity.id });
    assert.equal(moved.pipelineStageId, pipeline.stages[0].id, 'deals of a removed stage move to the first stage');
});

await step('deleteOpportunity', async () => {
    for (const id of [opportunity.id, upserted.id]) {
        const answer = await opportunities.deleteOpportunity({ id });
        assert.equal(answer.succeded, true);
    }
    await refusedWith(404, () => opportunities.getOpportunity({ id: opportunity.id }));
});

await step('delete the pipeline (SDK HTTP client)', async () => {
    const { data } = await http.delete(`/opportunities/pipelines/${pipeline.id}`);
    assert.equal(data.success, true);
});

console.log(`${passed} steps passed`);
