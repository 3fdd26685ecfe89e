/*
 * The dealflow workspace: a single page over the public HTTP API (/api/v1/locations/{loc}/...).
 * No framework: h() builds DOM nodes, each page is a function that renders into <main>, and the hash is the route.
 * The API key lives in sessionStorage only and travels only in the Authorization header.
 */
(function () {
    'use strict';

    // Anything the Content-Security-Policy blocks is kept here (and shown in the console by the browser).
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));

    const KEY = 'dealflow.key';
    const LOCATION = 'dealflow.location';
    const LIVE_MS = 800;
    const STEPS = 300;
    const view = document.getElementById('view');
    const drawer = document.getElementById('drawer');
    const statusBar = document.getElementById('status');

    // ---- small helpers -------------------------------------------------------------------------------------------

    function h(tag, attrs, ...children) {
        const el = document.createElement(tag);
        for (const [name, value] of Object.entries(attrs || {})) {
            if (value === null || value === undefined || value === false) continue;
            if (name.startsWith('on')) el.addEventListener(name.substring(2), value);
            else if (name === 'dataset') Object.assign(el.dataset, value);
            else if (name in el && name !== 'list' && name !== 'form') el[name] = value;
            else el.setAttribute(name, value === true ? '' : value);
        }
        append(el, children);
        return el;
    }

    function append(el, children) {
        for (const child of children.flat(Infinity)) {
            if (child === null || child === undefined || child === false) continue;
            el.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return el;
    }

    function clear(el, ...children) {
        el.replaceChildren();
        return append(el, children);
    }

    const money = (value, currency) => value === null || value === undefined ? '—'
        : Number(value).toLocaleString('en-US', {maximumFractionDigits: 2}) + (currency ? ' ' + currency : '');
    const when = (instant) => instant ? new Date(instant).toISOString().replace('T', ' ').substring(0, 19) + 'Z' : '—';
    const pct = (ratio) => ratio === null || ratio === undefined ? '—' : (ratio * 100).toFixed(1) + ' %';

    function say(message, error) {
        statusBar.textContent = message || '';
        statusBar.className = 'status' + (message ? ' shown' : '') + (error ? ' error' : '');
    }

    function problemText(answer) {
        const body = answer.body || {};
        return (body.title ? body.title + ': ' : '') + (body.detail || ('HTTP ' + answer.status));
    }

    // ---- the API -------------------------------------------------------------------------------------------------

    const session = {
        get key() { return sessionStorage.getItem(KEY); },
        get location() { return sessionStorage.getItem(LOCATION); },
    };

    /** Calls the API; answers {status, ok, body, headers}. 401 ends the session. */
    async function api(method, path, body, headers) {
        const init = {method, headers: Object.assign({'Authorization': 'Bearer ' + session.key,
                'Accept': 'application/json, application/problem+json'}, headers || {})};
        if (body !== undefined && body !== null) {
            if (typeof body === 'string') {
                init.body = body;
            } else {
                init.body = JSON.stringify(body);
                init.headers['Content-Type'] = 'application/json';
            }
        }
        const response = await fetch(path, init);
        const type = response.headers.get('Content-Type') || '';
        let parsed = null;
        if (type.includes('json')) {
            parsed = await response.json().catch(() => null);
        } else if (type.includes('csv')) {
            parsed = await response.text();
        }
        if (response.status === 401 && path !== loc('/pipelines')) {
            signOut('The API key was refused; sign in again.');
        }
        return {status: response.status, ok: response.ok, body: parsed, headers: response.headers};
    }

    const loc = (path) => '/api/v1/locations/' + encodeURIComponent(session.location) + path;
    const query = (params) => {
        const search = new URLSearchParams();
        for (const [name, value] of Object.entries(params)) {
            if (Array.isArray(value)) value.filter(v => v !== '').forEach(v => search.append(name, v));
            else if (value !== null && value !== undefined && value !== '') search.append(name, value);
        }
        const text = search.toString();
        return text ? '?' + text : '';
    };
    const versionOf = (answer) => {
        const tag = answer.headers.get('ETag');
        return tag ? tag.replace(/"/g, '').replace(/^W\//, '') : (answer.body && answer.body.version);
    };

    /** Whether an optional API feature answers here (built in parallel; shown only when present). */
    const features = {};
    async function hasFeature(name, path) {
        if (!(name in features)) {
            const answer = await api('GET', path);
            features[name] = answer.status !== 404 && answer.status !== 405 && answer.status !== 403;
        }
        return features[name];
    }

    let pipelines = [];
    async function loadPipelines() {
        const answer = await api('GET', loc('/pipelines'));
        pipelines = answer.ok ? (answer.body.items || answer.body) : [];
        return pipelines;
    }
    const pipelineById = (id) => pipelines.find(p => p.id === id);
    function stageName(stageId) {
        for (const p of pipelines) {
            const s = p.stages.find(stage => stage.id === stageId);
            if (s) return s.name;
        }
        return stageId || '—';
    }

    // ---- sign in -------------------------------------------------------------------------------------------------

    function signOut(message) {
        sessionStorage.removeItem(KEY);
        stopLive();
        document.getElementById('top').hidden = true;
        drawer.hidden = true;
        clear(view);
        document.getElementById('login').hidden = false;
        document.getElementById('login-error').textContent = message || '';
        document.getElementById('login-key').focus();
    }

    document.getElementById('login-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        sessionStorage.setItem(KEY, document.getElementById('login-key').value.trim());
        sessionStorage.setItem(LOCATION, document.getElementById('login-location').value.trim());
        const answer = await api('GET', loc('/pipelines'));
        if (!answer.ok) {
            sessionStorage.removeItem(KEY);
            document.getElementById('login-error').textContent = answer.status === 401
                ? 'This API key is not valid.' : problemText(answer);
            return;
        }
        document.getElementById('login-key').value = '';
        start();
    });
    document.getElementById('sign-out').addEventListener('click', () => signOut());

    function start() {
        document.getElementById('login').hidden = true;
        document.getElementById('top').hidden = false;
        document.getElementById('where').textContent = 'Location ' + session.location;
        route();
    }

    // ---- routing and live refresh -------------------------------------------------------------------------------

    let live = null;
    function stopLive() {
        if (live) clearInterval(live);
        live = null;
    }
    /** Runs tick every LIVE_MS while the page stays; a tick never overlaps the previous one. */
    function startLive(tick) {
        stopLive();
        let busy = false;
        live = setInterval(async () => {
            if (busy || document.hidden) return;
            busy = true;
            try { await tick(); } catch (e) { /* the next tick tries again */ } finally { busy = false; }
        }, LIVE_MS);
    }

    let routes = 0;
    async function route() {
        const thisRoute = ++routes;
        if (!session.key) {
            signOut();
            return;
        }
        stopLive();
        say('');
        const hash = location.hash.replace(/^#/, '') || '/pipelines';
        const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
        document.querySelectorAll('[data-nav]').forEach(a => a.toggleAttribute('aria-current', false));
        const current = document.querySelector('[data-nav="' + parts[0] + '"]');
        if (current) current.setAttribute('aria-current', 'page');
        await loadPipelines();
        // The person went elsewhere while the pipelines loaded: the newer route draws the page.
        if (thisRoute !== routes) return;
        try {
            if (parts[0] === 'pipelines') await boardPage(parts[1]);
            else if (parts[0] === 'opportunities' && parts[1]) { await listPage(); openDrawer(parts[1]); }
            else if (parts[0] === 'opportunities') await listPage();
            else if (parts[0] === 'reports') await reportsPage();
            else if (parts[0] === 'webhooks') await webhooksPage();
            else if (parts[0] === 'settings') await settingsPage();
            else await boardPage();
        } catch (e) {
            say('Could not show this page: ' + e.message, true);
        }
    }
    window.addEventListener('hashchange', route);

    // ---- the board ---------------------------------------------------------------------------------------------

    const board = {pipelineId: null, filters: {assignedTo: '', source: '', tag: ''}, asOf: null, data: null,
        limits: {}, versions: {}, dragging: false};

    async function boardPage(pipelineId) {
        if (!pipelines.length) {
            clear(view, h('p', {}, 'No pipeline yet. ', h('a', {href: '#/settings'}, 'Create one'), '.'));
            return;
        }
        if (!pipelineId || !pipelineById(pipelineId)) {
            location.replace('#/pipelines/' + encodeURIComponent(pipelines[0].id));
            return;
        }
        if (board.pipelineId !== pipelineId) {
            board.pipelineId = pipelineId;
            board.limits = {};
        }
        board.asOf = null;
        const filter = (name, label) => h('label', {}, label, h('input', {id: 'filter-' + name,
            value: board.filters[name], onchange: (e) => { board.filters[name] = e.target.value.trim(); refreshBoard(); }}));
        const slider = h('input', {type: 'range', id: 'as-of', min: 0, max: STEPS, value: STEPS, step: 1,
            'aria-label': 'Board as of an earlier instant', oninput: asOfMoved, onchange: asOfChosen});
        const span = h('select', {id: 'as-of-span', 'aria-label': 'Time span of the slider', onchange: backToLive},
            [[15 * 60000, 'last 15 minutes'], [86400000, 'last day'], [30 * 86400000, 'last 30 days'],
                [365 * 86400000, 'last year']].map(([ms, text]) => h('option', {value: ms, selected: ms === 30 * 86400000}, text)));
        clear(view,
            h('div', {class: 'toolbar'},
                h('label', {}, 'Pipeline', h('select', {id: 'pipeline-select', onchange: (e) =>
                        location.hash = '#/pipelines/' + encodeURIComponent(e.target.value)},
                    pipelines.map(p => h('option', {value: p.id, selected: p.id === pipelineId}, p.name)))),
                filter('assignedTo', 'Owner'), filter('tag', 'Tag'), filter('source', 'Source'),
                h('label', {}, h('span', {id: 'as-of-label'}, 'Live'), slider), span,
                h('button', {type: 'button', class: 'plain', id: 'as-of-live', onclick: backToLive}, 'Back to live')),
            h('div', {id: 'board-banner'}),
            h('div', {id: 'conflict'}),
            h('div', {class: 'board', id: 'board', role: 'list', 'aria-label': 'Stages'}));
        await refreshBoard();
        performance.mark('board-painted');
        startLive(() => board.asOf || board.dragging || board.moving ? null : refreshBoard(true));
    }

    /** The slider's position as an instant: STEPS is now (live), 0 the start of the chosen span. */
    function asOfInstant(position) {
        const span = Number(document.getElementById('as-of-span').value);
        return new Date(Date.now() - (STEPS - position) * span / STEPS).toISOString();
    }
    function asOfMoved(event) {
        const position = Number(event.target.value);
        document.getElementById('as-of-label').textContent = position === STEPS ? 'Live' : 'As of ' + when(asOfInstant(position));
    }
    function asOfChosen(event) {
        const position = Number(event.target.value);
        board.asOf = position === STEPS ? null : asOfInstant(position);
        asOfMoved(event);
        refreshBoard();
    }
    function backToLive() {
        board.asOf = null;
        document.getElementById('as-of').value = STEPS;
        document.getElementById('as-of-label').textContent = 'Live';
        refreshBoard();
    }

    function boardQuery(extra) {
        return query(Object.assign({assignedTo: board.filters.assignedTo, source: board.filters.source,
            tag: board.filters.tag, asOf: board.asOf}, extra || {}));
    }

    /** Loads the board; quietly (live) it re-renders only the stages whose content changed, keeping focus. */
    async function refreshBoard(quietly, token) {
        const pipelineId = board.pipelineId;
        const asOf = board.asOf;
        const largest = Math.max(20, ...Object.values(board.limits));
        const answer = await api('GET', loc('/pipelines/' + encodeURIComponent(pipelineId) + '/board')
            + boardQuery({limit: Math.min(500, largest)}), null, token ? {'Consistency-Token': token} : null);
        // A live read still under way when the person moved the slider (or back) must not draw over the newer one.
        if (pipelineId !== board.pipelineId || asOf !== board.asOf || !document.getElementById('board')) return;
        if (!answer.ok) {
            if (!quietly) say(problemText(answer), true);
            return;
        }
        for (const stage of answer.body.stages) {
            const limit = board.limits[stage.id] || 20;
            if (stage.opportunities.length > limit) {
                stage.opportunities = stage.opportunities.slice(0, limit);
                stage.nextCursor = stage.nextCursor || 'more';
            }
        }
        const before = board.data;
        board.data = answer.body;
        renderBoard(before);
        if (!board.asOf && (!quietly || JSON.stringify(before) !== JSON.stringify(board.data))) await loadVersions();
    }

    /** The versions of the deals on the board, for If-Match: the state the person saw when they drag. */
    async function loadVersions() {
        const answer = await api('GET', loc('/opportunities') + query({pipelineId: board.pipelineId, status: 'open',
            sort: '-lastStageChangeAt', limit: 500}));
        // A search may answer from a projection a little behind the board: a version only ever goes up.
        if (answer.ok) answer.body.items.forEach(o => board.versions[o.id] = Math.max(board.versions[o.id] || 0, o.version));
    }

    function renderBoard(before) {
        const container = document.getElementById('board');
        const readonly = !!board.asOf;
        container.classList.toggle('readonly', readonly);
        clear(document.getElementById('board-banner'), readonly
            ? h('p', {class: 'readonly-banner'}, 'Read-only: the board as it stood at ' + when(board.asOf) + '.')
            : null);
        const focusedId = document.activeElement && document.activeElement.dataset
            ? document.activeElement.dataset.id : null;
        const stages = board.data.stages;
        const existing = new Map([...container.children].map(el => [el.dataset.stageId, el]));
        const previous = new Map(((before && before.stages) || []).map(s => [s.id, JSON.stringify(s)]));
        const fresh = [];
        for (const stage of stages) {
            let column = existing.get(stage.id);
            if (column && previous.get(stage.id) === JSON.stringify(stage) && column.dataset.readonly === String(readonly)) {
                fresh.push(column);
                continue;
            }
            const scroll = column ? column.querySelector('.cards').scrollTop : 0;
            column = stageColumn(stage, readonly);
            column.dataset.scroll = scroll;
            fresh.push(column);
        }
        const same = fresh.length === container.children.length && fresh.every((c, i) => container.children[i] === c);
        if (!same) {
            const scrollLeft = container.scrollLeft;
            container.replaceChildren(...fresh);
            container.scrollLeft = scrollLeft;
        }
        fresh.forEach(c => {
            const cards = c.querySelector('.cards');
            if (cards.scrollTop !== Number(c.dataset.scroll || 0)) cards.scrollTop = Number(c.dataset.scroll || 0);
        });
        if (focusedId) {
            const card = container.querySelector('.card[data-id="' + CSS.escape(focusedId) + '"]');
            if (card && document.activeElement !== card) card.focus();
        }
    }

    function stageColumn(stage, readonly) {
        const totals = stage.totalValue === null && stage.totalsByCurrency
            ? stage.totalsByCurrency.map(t => money(t.totalValue, t.currency)).join(' · ')
            : money(stage.totalValue, stage.currency);
        const cards = h('ul', {class: 'cards', dataset: {stageId: stage.id}, 'aria-label': stage.name + ' cards'},
            stage.opportunities.map(card => boardCard(card, readonly)));
        const column = h('section', {class: 'stage', role: 'listitem', dataset: {stageId: stage.id,
                readonly: String(readonly)}, 'aria-label': stage.name},
            h('h2', {}, stage.name, ' ', h('span', {class: 'muted'}, stage.winProbability + ' %')),
            h('div', {class: 'totals'},
                h('span', {class: 'count', dataset: {count: stage.count}}, stage.count + ' deals'), ' · ',
                h('span', {class: 'total'}, totals), ' · weighted ',
                h('span', {class: 'weighted'}, money(stage.weightedValue, null))),
            cards,
            stage.nextCursor ? h('button', {type: 'button', class: 'plain load-more',
                onclick: () => loadMore(stage)}, 'Load more') : null);
        if (!readonly && window.Sortable) {
            // The fallback drags with pointer events instead of HTML5 drag and drop: the same on touch screens,
            // and a browser driven by a test moves cards the way a mouse does.
            Sortable.create(cards, {group: 'board', sort: false, animation: 120, forceFallback: true,
                fallbackTolerance: 4,
                onStart: () => board.dragging = true,
                onEnd: (event) => {
                    board.dragging = false;
                    board.droppedAt = Date.now();
                    if (event.from !== event.to) moveCard(event.item.dataset.id, event.to.dataset.stageId);
                }});
        }
        cards.addEventListener('scroll', () => column.dataset.scroll = cards.scrollTop);
        return column;
    }

    function boardCard(card, readonly) {
        return h('li', {class: 'card', tabindex: 0, dataset: {id: card.id}, 'aria-label': card.name + ', '
                    + money(card.monetaryValue, card.currency) + (readonly ? '' : '. Arrow keys move it between stages; Enter opens it.'),
                onkeydown: (e) => cardKey(e, card), 
                onclick: () => { if (Date.now() - (board.droppedAt || 0) > 400) openDrawer(card.id); }},
            h('div', {class: 'name'}, card.name),
            h('div', {class: 'meta'}, money(card.monetaryValue, card.currency),
                card.assignedTo ? ' · ' + card.assignedTo : '', card.contact && card.contact.name ? ' · ' + card.contact.name : ''),
            card.openTasks ? h('div', {class: 'meta card-tasks'}, cardTasks(card)) : null);
    }

    /** "2 open tasks · next due Mar 4": what the board card says of a deal's tasks, live or as of an instant. */
    function cardTasks(card) {
        const count = card.openTasks + (card.openTasks === 1 ? ' open task' : ' open tasks');
        return card.nextTaskDueAt ? count + ' · next due '
            + new Date(card.nextTaskDueAt).toLocaleDateString('en-US', {month: 'short', day: 'numeric'}) : count;
    }

    function cardKey(event, card) {
        const stages = board.data.stages;
        const here = stages.findIndex(s => s.opportunities.some(o => o.id === card.id));
        if (event.key === 'Enter') {
            openDrawer(card.id);
        } else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && !board.asOf) {
            const to = stages[here + (event.key === 'ArrowRight' ? 1 : -1)];
            if (to) moveCard(card.id, to.id);
            event.preventDefault();
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            const sibling = event.key === 'ArrowDown' ? event.target.nextElementSibling : event.target.previousElementSibling;
            if (sibling) sibling.focus();
            event.preventDefault();
        }
    }

    async function loadMore(stage) {
        const answer = await api('GET', loc('/pipelines/' + encodeURIComponent(board.pipelineId) + '/board')
            + boardQuery({cursor: stage.nextCursor === 'more' ? null : stage.nextCursor,
                stageId: stage.nextCursor === 'more' ? stage.id : null,
                limit: stage.nextCursor === 'more' ? Math.min(500, (board.limits[stage.id] || 20) + 20) : 20}));
        if (!answer.ok) return say(problemText(answer), true);
        const more = answer.body.stages.find(s => s.id === stage.id);
        const before = JSON.parse(JSON.stringify(board.data));
        const target = board.data.stages.find(s => s.id === stage.id);
        const known = new Set(target.opportunities.map(o => o.id));
        target.opportunities = target.opportunities.concat(more.opportunities.filter(o => !known.has(o.id)));
        target.nextCursor = more.nextCursor;
        board.limits[stage.id] = target.opportunities.length;
        renderBoard(before);
    }

    /** Moves a deal with If-Match on the version the board saw; a 412 shows who changed it and the fresh card. */
    async function moveCard(id, stageId) {
        board.moving = true;
        try {
            await moveWithIfMatch(id, stageId);
        } finally {
            board.moving = false;
        }
    }

    async function moveWithIfMatch(id, stageId) {
        let version = board.versions[id];
        if (version === undefined) {
            const current = await api('GET', loc('/opportunities/' + encodeURIComponent(id)));
            version = versionOf(current);
        }
        const from = board.data.stages.find(s => s.opportunities.some(o => o.id === id));
        const to = board.data.stages.find(s => s.id === stageId);
        const card = from && from.opportunities.find(o => o.id === id);
        if (from && to && card && from !== to) {
            // The totals change at once; the board read below confirms them.
            const before = JSON.parse(JSON.stringify(board.data));
            const value = Number(card.monetaryValue || 0);
            from.opportunities = from.opportunities.filter(o => o.id !== id);
            to.opportunities = [card].concat(to.opportunities);
            from.count -= 1; to.count += 1;
            if (from.totalValue !== null && to.totalValue !== null && from.currency === to.currency) {
                from.totalValue = Number(from.totalValue) - value; to.totalValue = Number(to.totalValue) + value;
                from.weightedValue = Number(from.weightedValue) - value * from.winProbability / 100;
                to.weightedValue = Number(to.weightedValue) + value * to.winProbability / 100;
            }
            renderBoard(before);
        }
        const answer = await api('POST', loc('/opportunities/' + encodeURIComponent(id) + '/move-stage'),
            {stageId}, version !== undefined && version !== null ? {'If-Match': '"' + version + '"'} : null);
        if (answer.ok) {
            board.versions[id] = answer.body.version;
            clear(document.getElementById('conflict'));
            await refreshBoard(false, answer.body.consistencyToken);
            const moved = document.querySelector('.card[data-id="' + CSS.escape(id) + '"]');
            if (moved) moved.focus();
        } else if (answer.status === 412) {
            await showConflict(id, answer);
            await refreshBoard();
        } else {
            say('The deal was not moved: ' + problemText(answer), true);
            await refreshBoard();
        }
    }

    /** Who changed the deal last (from its history) and how it is now. */
    async function conflictNote(id, refusal) {
        // The 412 names the current version; the detail and the history are projections that may be a moment
        // behind it: wait briefly until both show it.
        const named = /current version is (\d+)/.exec((refusal && refusal.body && refusal.body.detail) || '');
        const current = named ? Number(named[1]) : 0;
        let fresh, deal, last = null;
        for (let attempt = 0; attempt < 15; attempt++) {
            fresh = await api('GET', loc('/opportunities/' + encodeURIComponent(id)));
            deal = fresh.body || {};
            const history = await api('GET', loc('/opportunities/' + encodeURIComponent(id) + '/history'));
            last = history.ok && history.body.items.length ? history.body.items[history.body.items.length - 1] : null;
            if (deal.version >= current && (!last || last.sequence + 1 >= Math.max(current, deal.version))) break;
            await new Promise(r => setTimeout(r, 200));
        }
        board.versions[id] = versionOf(fresh);
        return h('div', {class: 'conflict', role: 'alert', id: 'conflict-note'},
            h('strong', {}, 'Someone else changed this deal. '),
            last ? [(last.actorName || last.actor || 'someone') + ' (' + (last.door || 'api') + ') made '
                + last.type + ' at ' + when(last.occurredAt) + '. '] : null,
            h('div', {class: 'fresh-card'}, 'Now: ', h('b', {}, deal.name), ' · ', money(deal.monetaryValue, deal.currency),
                ' · stage ', stageName(deal.stageId), ' · ', deal.status, ' · owner ', deal.assignedTo || '—',
                ' · version ', String(deal.version)),
            h('div', {class: 'muted'}, 'Nothing was changed; try again on the fresh state.'));
    }

    async function showConflict(id, refusal) {
        clear(document.getElementById('conflict'), await conflictNote(id, refusal));
    }

    // ---- the deal drawer ------------------------------------------------------------------------------------------

    const deal = {id: null, version: null, data: null};

    function closeDrawer() {
        drawer.hidden = true;
        deal.id = null;
        const card = document.querySelector('.card[data-id="' + CSS.escape(deal.lastId || '') + '"]');
        if (card) card.focus();
    }
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !drawer.hidden) closeDrawer(); });

    async function openDrawer(id, token) {
        deal.id = id;
        deal.lastId = id;
        // The lists of notes and tasks are read models of their own: they too wait for the command just sent.
        deal.token = token;
        const answer = await api('GET', loc('/opportunities/' + encodeURIComponent(id)), null,
            token ? {'Consistency-Token': token} : null);
        if (!answer.ok) {
            say(problemText(answer), true);
            return;
        }
        deal.data = answer.body;
        deal.version = versionOf(answer);
        drawer.hidden = false;
        renderDrawer();
    }

    function field(name, label, value, attrs) {
        return h('label', Object.assign({class: attrs && attrs.wide ? 'wide' : ''}, {}), label,
            h(attrs && attrs.textarea ? 'textarea' : 'input', Object.assign({name, value: value === null || value === undefined ? '' : value,
                id: 'deal-' + name.replace('.', '-')}, attrs && attrs.input || {})),
            h('span', {class: 'error', dataset: {errorFor: name}}));
    }

    function renderDrawer() {
        const d = deal.data;
        const pipeline = pipelineById(d.pipelineId);
        const form = h('form', {id: 'deal-form', onsubmit: saveDeal},
            h('div', {class: 'fields'},
                field('name', 'Name', d.name, {wide: true}),
                field('monetaryValue', 'Value', d.monetaryValue, {input: {inputmode: 'decimal'}}),
                field('currency', 'Currency', d.currency),
                field('assignedTo', 'Owner', d.assignedTo),
                field('source', 'Source', d.source),
                field('tags', 'Tags (comma separated)', (d.tags || []).join(', '), {wide: true}),
                field('contact.name', 'Contact name', d.contact && d.contact.name),
                field('contact.email', 'Contact email', d.contact && d.contact.email),
                field('contact.phone', 'Contact phone', d.contact && d.contact.phone),
                field('contact.companyName', 'Company', d.contact && d.contact.companyName),
                field('contact.id', 'Contact id', d.contact && d.contact.id),
                field('customFields', 'Custom fields (key=value per line)', Object.entries(d.customFields || {})
                    .map(([k, v]) => k + '=' + v).join('\n'), {wide: true, textarea: true})),
            h('p', {class: 'error', id: 'deal-error', role: 'alert'}),
            h('div', {class: 'row'}, h('button', {type: 'submit', id: 'deal-save'}, 'Save'),
                h('button', {type: 'button', class: 'plain', onclick: closeDrawer}, 'Close')));
        const stageSelect = h('select', {id: 'deal-stage', 'aria-label': 'Stage'},
            (pipeline ? pipeline.stages : []).map(s => h('option', {value: s.id, selected: s.id === d.stageId}, s.name)));
        clear(drawer,
            h('h2', {}, d.name),
            h('p', {class: 'muted'}, 'Status ', h('b', {id: 'deal-status'}, d.status), d.lostReason ? ' (' + d.lostReason + ')' : '',
                ' · version ', String(deal.version), ' · updated ', when(d.updatedAt)),
            h('div', {id: 'deal-conflict'}),
            form,
            h('h3', {}, 'Stage and status'),
            h('div', {class: 'row'}, stageSelect, h('button', {type: 'button', onclick: () =>
                command('/move-stage', {stageId: stageSelect.value})}, 'Move')),
            h('div', {class: 'row'},
                d.status === 'open' ? [
                    h('button', {type: 'button', id: 'deal-won', onclick: () => command('/mark-won', {})}, 'Won'),
                    h('button', {type: 'button', id: 'deal-lost', onclick: askLostReason}, 'Lost…'),
                    h('button', {type: 'button', class: 'plain', onclick: () => command('/mark-abandoned', {})}, 'Abandon')]
                    : h('button', {type: 'button', id: 'deal-reopen', onclick: () => command('/reopen', {})}, 'Reopen'),
                h('button', {type: 'button', class: 'danger', onclick: () => confirm('Delete this deal?')
                    && command('', null, 'DELETE')}, 'Delete')),
            h('div', {id: 'lost-form'}),
            h('h3', {}, 'Followers'),
            h('ul', {class: 'items', id: 'followers'}, (d.followers || []).map(f => h('li', {}, f, ' ',
                h('button', {type: 'button', class: 'plain', 'aria-label': 'Remove follower ' + f,
                    onclick: () => command('/followers/' + encodeURIComponent(f), null, 'DELETE')}, 'Remove')))),
            h('form', {class: 'row', onsubmit: (e) => { e.preventDefault(); const v = e.target.follower.value.trim();
                    if (v) command('/followers', {followers: [v]}); }},
                h('input', {name: 'follower', 'aria-label': 'New follower', placeholder: 'user id'}),
                h('button', {type: 'submit'}, 'Add follower')),
            h('h3', {}, 'Notes'), h('div', {id: 'notes'}),
            h('h3', {}, 'Tasks'), h('div', {id: 'tasks'}),
            h('h3', {}, 'As of a past instant'),
            h('form', {class: 'row', onsubmit: showAsOf},
                h('input', {type: 'datetime-local', name: 'asOf', step: 1, 'aria-label': 'Instant', id: 'deal-as-of'}),
                h('button', {type: 'submit'}, 'Show')),
            h('div', {id: 'deal-as-of-view'}),
            h('h3', {}, 'History'), h('ol', {class: 'timeline', id: 'timeline'}));
        drawer.focus();
        form.querySelector('input').focus();
        loadHistory().then(loadNotesAndTasks);
    }

    /** Changed fields only, so each PATCH records what the person really changed. */
    function patchBody(form) {
        const d = deal.data;
        const body = {};
        const value = (name) => form.elements[name].value.trim();
        for (const name of ['name', 'currency', 'assignedTo', 'source']) {
            if (value(name) !== (d[name] || '')) body[name] = value(name) === '' ? null : value(name);
        }
        if (value('monetaryValue') !== String(d.monetaryValue === null || d.monetaryValue === undefined ? '' : d.monetaryValue)) {
            const raw = value('monetaryValue');
            body.monetaryValue = raw === '' ? null : (isNaN(Number(raw)) ? raw : Number(raw));
        }
        const tags = value('tags').split(',').map(t => t.trim()).filter(Boolean);
        if (JSON.stringify(tags) !== JSON.stringify(d.tags || [])) body.tags = tags;
        const contact = {};
        let contactChanged = false;
        for (const part of ['id', 'name', 'email', 'phone', 'companyName']) {
            const v = value('contact.' + part);
            contact[part] = v === '' ? null : v;
            if ((v || null) !== ((d.contact && d.contact[part]) || null)) contactChanged = true;
        }
        if (contactChanged) body.contact = contact;
        const custom = {};
        value('customFields').split('\n').map(l => l.trim()).filter(Boolean).forEach(line => {
            const at = line.indexOf('=');
            if (at > 0) custom[line.substring(0, at).trim()] = line.substring(at + 1).trim();
        });
        const old = Object.fromEntries(Object.entries(d.customFields || {}).map(([k, v]) => [k, String(v)]));
        if (JSON.stringify(custom) !== JSON.stringify(old)) body.customFields = custom;
        return body;
    }

    async function saveDeal(event) {
        event.preventDefault();
        const form = event.target;
        form.querySelectorAll('[data-error-for]').forEach(e => e.textContent = '');
        document.getElementById('deal-error').textContent = '';
        const body = patchBody(form);
        if (!Object.keys(body).length) return say('Nothing changed.');
        const answer = await api('PATCH', loc('/opportunities/' + encodeURIComponent(deal.id)), body,
            {'If-Match': '"' + deal.version + '"'});
        if (answer.ok) {
            say('Saved.');
            return openDrawer(deal.id, answer.body.consistencyToken);
        }
        showCommandError(answer, form);
    }

    async function showCommandError(answer, form) {
        if (answer.status === 412) {
            clear(document.getElementById('deal-conflict'), await conflictNote(deal.id, answer),
                h('button', {type: 'button', id: 'deal-reload', onclick: () => openDrawer(deal.id)}, 'Load the fresh deal'));
            return;
        }
        const errors = (answer.body && answer.body.errors) || [];
        let placed = false;
        for (const error of errors) {
            const name = String(error.field || '').replace(/^contact\[?\.?/, 'contact.').replace(/\]$/, '');
            const slot = form && (form.querySelector('[data-error-for="' + CSS.escape(error.field) + '"]')
                || form.querySelector('[data-error-for="' + CSS.escape(name) + '"]')
                || form.querySelector('[data-error-for="' + CSS.escape(String(error.field).split('.')[0]) + '"]'));
            if (slot) {
                slot.textContent = error.message;
                placed = true;
            }
        }
        if (!placed) {
            const general = document.getElementById('deal-error');
            if (general) general.textContent = problemText(answer);
            else say(problemText(answer), true);
        }
    }

    async function command(suffix, body, method) {
        const answer = await api(method || 'POST', loc('/opportunities/' + encodeURIComponent(deal.id) + suffix), body,
            {'If-Match': '"' + deal.version + '"'});
        if (!answer.ok) return showCommandError(answer, document.getElementById('deal-form'));
        if (method === 'DELETE' && suffix === '') {
            say('Deleted.');
            closeDrawer();
            return;
        }
        say('Done.');
        await openDrawer(deal.id, answer.body && answer.body.consistencyToken);
    }

    async function askLostReason() {
        const reasons = await api('GET', loc('/lost-reasons'));
        const items = reasons.ok ? reasons.body.items : [];
        clear(document.getElementById('lost-form'), h('form', {class: 'row', id: 'lost-reason-form', onsubmit: (e) => {
                e.preventDefault();
                const picked = e.target.reasonId.value;
                const text = e.target.reason.value.trim();
                command('/mark-lost', picked ? {lostReasonId: picked} : {lostReason: text || null});
            }},
            h('select', {name: 'reasonId', 'aria-label': 'Lost reason'}, h('option', {value: ''}, 'Other (type it)'),
                items.map(r => h('option', {value: r.id}, r.name))),
            h('input', {name: 'reason', id: 'lost-reason-text', placeholder: 'Why was it lost?', 'aria-label': 'Reason'}),
            h('button', {type: 'submit', id: 'lost-confirm'}, 'Mark lost')));
        document.getElementById('lost-reason-text').focus();
    }

    let historyItems = [];
    async function loadHistory() {
        const answer = await api('GET', loc('/opportunities/' + encodeURIComponent(deal.id) + '/history'));
        historyItems = answer.ok ? answer.body.items : [];
        const list = document.getElementById('timeline');
        if (!list) return;
        clear(list, historyItems.slice().reverse().map(entry => h('li', {},
            h('div', {class: 'what'}, entry.type.replace(/^Opportunity/, '')),
            h('div', {}, when(entry.occurredAt), ' · by ', entry.actorName || entry.actor || 'unknown',
                entry.actingUser ? ' for ' + entry.actingUser : '', ' · door ', entry.door || '—'),
            h('div', {class: 'muted'}, summary(entry.data), entry.correlationId ? ' · correlation ' + entry.correlationId : ''))));
    }

    function summary(data) {
        if (!data) return '';
        return Object.entries(data).filter(([, v]) => v !== null && v !== undefined)
            .map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ').substring(0, 300);
    }

    /** Notes and tasks: the list endpoints when the server has them, else what the history tells. */
    async function loadNotesAndTasks() {
        const base = loc('/opportunities/' + encodeURIComponent(deal.id));
        const waitFor = deal.token ? {'Consistency-Token': deal.token} : null;
        const [notes, tasks] = await Promise.all([api('GET', base + '/notes', null, waitFor),
            api('GET', base + '/tasks?status=all', null, waitFor)]);
        const notesBox = document.getElementById('notes');
        const tasksBox = document.getElementById('tasks');
        if (!notesBox) return;
        const editable = notes.ok;
        const noteItems = notes.ok ? notes.body.items : historyItems.filter(e => e.type === 'OpportunityNoteAdded')
            .map(e => ({id: e.data.noteId, body: e.data.body, createdAt: e.occurredAt, createdBy: e.actorName})).reverse();
        clear(notesBox, h('ul', {class: 'items'}, noteItems.map(note => h('li', {}, h('div', {}, note.body),
                h('div', {class: 'muted'}, when(note.createdAt), note.createdBy ? ' · ' + note.createdBy : ''),
                editable ? h('div', {class: 'row'},
                    h('button', {type: 'button', class: 'plain', onclick: () => {
                        const text = prompt('Edit note', note.body);
                        if (text !== null) command('/notes/' + encodeURIComponent(note.id), {body: text}, 'PATCH');
                    }}, 'Edit'),
                    h('button', {type: 'button', class: 'plain', onclick: () =>
                        command('/notes/' + encodeURIComponent(note.id), null, 'DELETE')}, 'Delete')) : null))),
            h('form', {class: 'row', onsubmit: (e) => { e.preventDefault(); const v = e.target.body.value.trim();
                    if (v) command('/notes', {body: v}); }},
                h('input', {name: 'body', id: 'note-body', 'aria-label': 'New note', placeholder: 'Add a note'}),
                h('button', {type: 'submit'}, 'Add note')),
            editable ? null : h('p', {class: 'muted'}, 'This server cannot edit or delete notes yet.'));
        const taskEditable = tasks.ok;
        let taskItems;
        if (tasks.ok) {
            taskItems = tasks.body.items;
        } else {
            const done = new Set(historyItems.filter(e => e.type === 'OpportunityTaskCompleted').map(e => e.data.taskId));
            taskItems = historyItems.filter(e => e.type === 'OpportunityTaskAdded').map(e => ({id: e.data.taskId,
                title: e.data.title, dueAt: e.data.dueAt, assignedTo: e.data.assignedTo,
                status: done.has(e.data.taskId) ? 'completed' : 'open'}));
        }
        clear(tasksBox, h('ul', {class: 'items'}, taskItems.map(task => h('li', {},
                h('span', {}, task.status === 'completed' ? '✔ ' : '☐ ', task.title),
                h('span', {class: 'muted'}, task.dueAt ? ' · due ' + when(task.dueAt) : '', task.assignedTo ? ' · ' + task.assignedTo : ''),
                h('div', {class: 'row'},
                    task.status !== 'completed' ? h('button', {type: 'button', class: 'plain', onclick: () =>
                        command('/tasks/' + encodeURIComponent(task.id) + '/complete', {})}, 'Complete') : null,
                    taskEditable ? [h('button', {type: 'button', class: 'plain', onclick: () => {
                        const text = prompt('Task title', task.title);
                        if (text !== null) command('/tasks/' + encodeURIComponent(task.id), {title: text}, 'PATCH');
                    }}, 'Edit'), h('button', {type: 'button', class: 'plain', onclick: () =>
                        command('/tasks/' + encodeURIComponent(task.id), null, 'DELETE')}, 'Delete')] : null)))),
            h('form', {class: 'row', onsubmit: (e) => {
                    e.preventDefault();
                    const title = e.target.title.value.trim();
                    const due = e.target.dueAt.value;
                    if (title) command('/tasks', {title, dueAt: due ? new Date(due + ':00Z').toISOString() : null,
                        assignedTo: e.target.assignedTo.value.trim() || null});
                }},
                h('input', {name: 'title', id: 'task-title', 'aria-label': 'New task', placeholder: 'Add a task'}),
                h('input', {name: 'dueAt', type: 'datetime-local', 'aria-label': 'Due (UTC)'}),
                h('input', {name: 'assignedTo', 'aria-label': 'Task owner', placeholder: 'owner'}),
                h('button', {type: 'submit'}, 'Add task')),
            taskEditable ? null : h('p', {class: 'muted'}, 'This server cannot edit or delete tasks yet.'));
    }

    async function showAsOf(event) {
        event.preventDefault();
        const raw = event.target.asOf.value;
        if (!raw) return;
        const instant = new Date(raw + (raw.length === 16 ? ':00' : '') + 'Z').toISOString();
        const answer = await api('GET', loc('/opportunities/' + encodeURIComponent(deal.id)) + query({asOf: instant}));
        const box = document.getElementById('deal-as-of-view');
        if (!answer.ok) return clear(box, h('p', {class: 'error'}, problemText(answer)));
        const d = answer.body;
        clear(box, h('table', {}, h('tbody', {}, [['At', when(instant)], ['Name', d.name], ['Stage', stageName(d.stageId)],
            ['Status', d.status], ['Value', money(d.monetaryValue, d.currency)], ['Owner', d.assignedTo || '—'],
            ['Tags', (d.tags || []).join(', ')], ['Version', d.version]].map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))))));
    }

    // ---- the list ------------------------------------------------------------------------------------------------

    const list = {filters: {status: 'open', sort: '-createdAt', limit: 20}, cursors: [], page: null, selected: new Set()};

    async function listPage() {
        const f = list.filters;
        const input = (name, label, attrs) => h('label', {}, label, h('input', Object.assign({name, value: f[name] || ''}, attrs || {})));
        const stageOptions = pipelines.flatMap(p => p.stages.map(s => h('option', {value: s.id, selected: f.stageId === s.id}, p.name + ' · ' + s.name)));
        const form = h('form', {class: 'toolbar', id: 'list-filters', onsubmit: (e) => {
                e.preventDefault();
                const data = new FormData(e.target);
                list.filters = Object.fromEntries([...data.entries()].filter(([k]) => k !== 'cfKey' && k !== 'cfValue'));
                list.filters.cf = data.get('cfKey') ? [data.get('cfKey'), data.get('cfValue')] : null;
                list.cursors = [];
                list.selected.clear();
                loadList();
            }},
            input('q', 'Search', {type: 'search', id: 'list-q'}),
            h('label', {}, 'Pipeline', h('select', {name: 'pipelineId'}, h('option', {value: ''}, 'All'),
                pipelines.map(p => h('option', {value: p.id, selected: f.pipelineId === p.id}, p.name)))),
            h('label', {}, 'Stage', h('select', {name: 'stageId'}, h('option', {value: ''}, 'All'), stageOptions)),
            h('label', {}, 'Status', h('select', {name: 'status', id: 'list-status'}, ['open', 'won', 'lost', 'abandoned', 'all']
                .map(s => h('option', {value: s, selected: f.status === s}, s)))),
            input('assignedTo', 'Owner'), input('tag', 'Tag'), input('source', 'Source'),
            input('valueMin', 'Value from', {inputmode: 'decimal', size: 7}), input('valueMax', 'to', {inputmode: 'decimal', size: 7}),
            input('createdFrom', 'Created from', {type: 'date'}), input('createdTo', 'to', {type: 'date'}),
            input('cfKey', 'Custom field'), input('cfValue', '= value'),
            h('label', {}, 'Sort', h('select', {name: 'sort', id: 'list-sort'}, [['-createdAt', 'Newest'], ['createdAt', 'Oldest'],
                ['-updatedAt', 'Recently updated'], ['-monetaryValue', 'Value ↓'], ['monetaryValue', 'Value ↑'], ['name', 'Name']]
                .map(([v, t]) => h('option', {value: v, selected: f.sort === v}, t)))),
            h('button', {type: 'submit', id: 'list-apply'}, 'Apply'));
        clear(view, form, h('div', {id: 'list-actions'}), h('div', {id: 'list-import'}), h('div', {class: 'scroll', id: 'list-table'}),
            h('div', {class: 'pager', id: 'list-pager'}));
        await loadList();
        renderListActions();
        startLive(() => list.bulkRunning ? null : loadList(true));
    }

    function listParams() {
        const f = Object.assign({}, list.filters);
        const params = {};
        for (const [k, v] of Object.entries(f)) if (k !== 'cf' && v !== '' && v !== null) params[k] = v;
        if (params.createdFrom) params.createdFrom = params.createdFrom + 'T00:00:00Z';
        if (params.createdTo) params.createdTo = params.createdTo + 'T00:00:00Z';
        if (f.cf && f.cf[0]) params['cf.' + f.cf[0]] = f.cf[1];
        return params;
    }

    async function loadList(quietly) {
        const cursor = list.cursors[list.cursors.length - 1];
        const answer = await api('GET', loc('/opportunities') + query(Object.assign(listParams(), {cursor})));
        if (!document.getElementById('list-table')) return;
        if (!answer.ok) {
            if (!quietly) clear(document.getElementById('list-table'), h('p', {class: 'error', role: 'alert'}, problemText(answer)));
            return;
        }
        if (quietly && JSON.stringify(answer.body) === JSON.stringify(list.page)) return;
        list.page = answer.body;
        renderList();
    }

    function renderList() {
        const page = list.page;
        const focusedId = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.rowId;
        const rows = page.items.map(o => h('tr', {},
            h('td', {}, h('input', {type: 'checkbox', 'aria-label': 'Select ' + o.name, checked: list.selected.has(o.id),
                dataset: {rowId: o.id}, onchange: (e) => { e.target.checked ? list.selected.add(o.id) : list.selected.delete(o.id); updateSelection(); }})),
            h('td', {}, h('a', {href: '#/opportunities/' + encodeURIComponent(o.id), dataset: {rowId: o.id + '-link'}}, o.name)),
            h('td', {}, money(o.monetaryValue, o.currency)), h('td', {}, stageName(o.stageId)), h('td', {class: 'status-cell'}, o.status),
            h('td', {}, o.assignedTo || '—'), h('td', {}, (o.tags || []).join(', ')), h('td', {}, when(o.updatedAt))));
        clear(document.getElementById('list-table'), h('table', {id: 'opportunities'},
            h('thead', {}, h('tr', {}, h('th', {}, h('input', {type: 'checkbox', 'aria-label': 'Select all on this page',
                    onchange: (e) => { page.items.forEach(o => e.target.checked ? list.selected.add(o.id) : list.selected.delete(o.id)); renderList(); updateSelection(); }})),
                ['Name', 'Value', 'Stage', 'Status', 'Owner', 'Tags', 'Updated'].map(t => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, rows)));
        clear(document.getElementById('list-pager'),
            h('span', {id: 'list-total'}, page.total + ' deals'),
            h('button', {type: 'button', class: 'plain', disabled: !list.cursors.length, onclick: () => { list.cursors = []; loadList(); }}, 'First page'),
            h('button', {type: 'button', class: 'plain', id: 'list-next', disabled: !page.nextCursor, onclick: () => {
                list.cursors.push(page.nextCursor); loadList(); }}, 'Next page'));
        if (focusedId) {
            const el = document.querySelector('[data-row-id="' + CSS.escape(focusedId) + '"]');
            if (el) el.focus();
        }
    }

    function updateSelection() {
        const count = document.getElementById('selected-count');
        if (count) count.textContent = list.selected.size + ' selected';
        const run = document.getElementById('bulk-run');
        if (run) run.disabled = !list.selected.size;
    }

    async function renderListActions() {
        const box = document.getElementById('list-actions');
        if (!box) return;
        const [bulk, exporting] = await Promise.all([hasFeature('bulk', loc('/bulk-operations')),
            hasFeature('export', loc('/opportunities/export') + '?q=' + encodeURIComponent('no deal is named like this 7f3a'))]);
        if (!document.getElementById('list-actions')) return;
        const actionSelect = h('select', {id: 'bulk-action', 'aria-label': 'Bulk action'},
            [['mark-won', 'Mark won'], ['mark-lost', 'Mark lost'], ['mark-abandoned', 'Abandon'], ['reopen', 'Reopen'],
                ['move-stage', 'Move to stage'], ['add-tags', 'Add tag'], ['remove-tags', 'Remove tag'], ['delete', 'Delete']]
                .map(([v, t]) => h('option', {value: v}, t)));
        // The action's one parameter: a stage for move-stage, a tag for the tag actions, a lost reason id or nothing.
        const param = h('input', {id: 'bulk-param', 'aria-label': 'Tag or lost reason', placeholder: 'tag'});
        const stage = h('select', {id: 'bulk-stage', 'aria-label': 'Stage to move to', hidden: true},
            pipelines.flatMap(p => p.stages.map(s => h('option', {value: s.id}, p.name + ' · ' + s.name))));
        actionSelect.addEventListener('change', () => {
            stage.hidden = actionSelect.value !== 'move-stage';
            param.hidden = !stage.hidden;
        });
        clear(box,
            bulk ? h('div', {class: 'panel row'}, h('span', {id: 'selected-count'}, list.selected.size + ' selected'), actionSelect, param, stage,
                h('button', {type: 'button', id: 'bulk-run', disabled: !list.selected.size, onclick: () => runBulk(actionSelect.value,
                    actionSelect.value === 'move-stage' ? stage.value : param.value.trim())}, 'Run'),
                h('progress', {id: 'bulk-progress', max: 1, value: 0, hidden: true}), h('span', {id: 'bulk-state', role: 'status'}),
                h('button', {type: 'button', id: 'bulk-undo', hidden: true}, 'Undo'))
                : h('p', {class: 'muted'}, 'Bulk actions need a server with /bulk-operations.'),
            exporting ? h('button', {type: 'button', class: 'plain', id: 'export-csv', onclick: exportCsv}, 'Export CSV')
                : h('p', {class: 'muted'}, 'CSV export needs a server with /opportunities/export.'));
        clear(document.getElementById('list-import'), h('form', {class: 'panel row', id: 'import-form', onsubmit: importCsv},
            h('label', {}, 'Import CSV into ', h('select', {name: 'pipelineId'}, pipelines.map(p => h('option', {value: p.id}, p.name)))),
            h('input', {type: 'file', name: 'file', id: 'import-file', accept: '.csv,text/csv', 'aria-label': 'CSV file'}),
            h('label', {}, h('input', {type: 'checkbox', name: 'dryRun'}), ' only check'),
            h('button', {type: 'submit'}, 'Import'), h('progress', {id: 'import-progress', hidden: true}),
            h('div', {id: 'import-result', role: 'status'})));
    }

    function bulkParams(action, value) {
        if (action === 'move-stage') return {stageId: value};
        if (action === 'add-tags' || action === 'remove-tags') return {tags: [value]};
        if (action === 'mark-lost') return value ? {lostReasonId: value} : {};
        return undefined;
    }

    async function runBulk(action, value) {
        const body = {action, ids: [...list.selected]};
        const params = bulkParams(action, value);
        if (params) body.params = params;
        const answer = await api('POST', loc('/bulk-operations'), body);
        if (!answer.ok) return say('Bulk action refused: ' + problemText(answer), true);
        const done = await followOperation(answer.body.id);
        const undo = document.getElementById('bulk-undo');
        if (undo && done) {
            undo.hidden = false;
            undo.onclick = async () => {
                undo.hidden = true;
                const undone = await api('POST', loc('/bulk-operations/' + encodeURIComponent(done.id) + '/undo'));
                if (!undone.ok) return say('Undo refused: ' + problemText(undone), true);
                await followOperation(undone.body.id, 'Undo');
            };
        }
    }

    /** Polls an operation until it ends, showing its progress; answers the last state. */
    async function followOperation(id, label) {
        list.bulkRunning = true;
        const bar = document.getElementById('bulk-progress');
        const state = document.getElementById('bulk-state');
        bar.hidden = false;
        let op;
        try {
            for (;;) {
                const answer = await api('GET', loc('/bulk-operations/' + encodeURIComponent(id)));
                if (!answer.ok) { say(problemText(answer), true); return null; }
                op = answer.body;
                const handled = op.succeeded + op.unchanged + op.failed;
                bar.max = Math.max(1, op.total);
                bar.value = handled;
                state.textContent = (label || op.action) + ': ' + op.status + ' — ' + op.succeeded + ' done, ' + op.unchanged
                    + ' unchanged, ' + op.failed + ' failed of ' + op.total
                    + ((op.failures || []).length ? ' (' + op.failures.map(f => f.title).join('; ') + ')' : '')
                    + (op.problem ? ' — ' + op.problem : '');
                if (op.status !== 'running') break;
                await new Promise(r => setTimeout(r, 300));
            }
        } finally {
            list.bulkRunning = false;
        }
        list.selected.clear();
        await loadList();
        updateSelection();
        return op;
    }

    async function exportCsv() {
        const params = listParams();
        // The export takes the search's filters, not its paging or order.
        delete params.limit; delete params.cursor; delete params.sort;
        const response = await fetch(loc('/opportunities/export') + query(params),
            {headers: {'Authorization': 'Bearer ' + session.key, 'Accept': 'text/csv'}});
        if (!response.ok) return say('Export failed: HTTP ' + response.status, true);
        const text = await response.text();
        window.lastExport = text;   // kept for a person's console, and for the browser test's round trip
        const link = h('a', {href: URL.createObjectURL(new Blob([text], {type: 'text/csv'})), download: 'opportunities.csv'});
        document.body.append(link);
        link.click();
        link.remove();
        say('Exported ' + Math.max(0, text.trim().split('\n').length - 1) + ' deals.');
    }

    async function importCsv(event) {
        event.preventDefault();
        const form = event.target;
        const file = form.file.files[0];
        const result = document.getElementById('import-result');
        if (!file) return clear(result, h('span', {class: 'error'}, 'Pick a CSV file first.'));
        const bar = document.getElementById('import-progress');
        bar.hidden = false;
        bar.removeAttribute('value');
        const answer = await api('POST', loc('/imports') + query({pipelineId: form.pipelineId.value,
            dryRun: form.dryRun.checked ? 'true' : null}), await file.text(), {'Content-Type': 'text/csv'});
        if (answer.status === 404 && !(answer.body && /import/i.test(answer.body.detail || ''))) {
            bar.hidden = true;
            return clear(result, h('span', {class: 'error'}, 'This server has no CSV import yet.'));
        }
        if (!answer.ok) {
            bar.hidden = true;
            return clear(result, h('span', {class: 'error'}, problemText(answer)));
        }
        let state = answer.body;
        while (state.status === 'running') {
            bar.max = Math.max(1, state.rows || 1);
            bar.value = (state.created || 0) + (state.updated || 0) + (state.unchanged || 0) + (state.failed || 0);
            await new Promise(r => setTimeout(r, 300));
            const next = await api('GET', loc('/imports/' + encodeURIComponent(state.id)));
            if (!next.ok) break;
            state = next.body;
        }
        bar.max = 1; bar.value = 1;
        clear(result, h('p', {id: 'import-summary'}, 'Import ' + state.status + ': ' + state.rows + ' rows, ' + state.created + ' created, '
                + state.updated + ' updated, ' + state.unchanged + ' unchanged, ' + state.failed + ' failed.'
                + (state.problem ? ' ' + state.problem : '')),
            (state.errors || []).length ? h('table', {id: 'import-errors'}, h('thead', {}, h('tr', {}, h('th', {}, 'Row'), h('th', {}, 'Column'), h('th', {}, 'Problem'))),
                h('tbody', {}, state.errors.map(e => h('tr', {}, h('td', {}, e.row), h('td', {}, e.column || '—'), h('td', {}, e.message))))) : null);
        loadList();
    }

    // ---- reports -------------------------------------------------------------------------------------------------

    const charts = [];
    async function reportsPage() {
        const today = new Date();
        const from = new Date(today.getTime() - 180 * 86400000).toISOString().substring(0, 10);
        const to = new Date(today.getTime() + 86400000).toISOString().substring(0, 10);
        const form = h('form', {class: 'toolbar', id: 'report-form', onsubmit: (e) => { e.preventDefault(); drawReports(e.target); }},
            h('label', {}, 'Pipeline', h('select', {name: 'pipelineId'}, pipelines.map(p => h('option', {value: p.id}, p.name)))),
            h('label', {}, 'From', h('input', {type: 'date', name: 'from', value: from})),
            h('label', {}, 'To', h('input', {type: 'date', name: 'to', value: to})),
            h('button', {type: 'submit'}, 'Show'));
        clear(view, form, h('div', {class: 'reports', id: 'reports'}));
        if (pipelines.length) await drawReports(form);
    }

    function chart(canvas, type, labels, datasets, options) {
        const made = new Chart(canvas, {type, data: {labels, datasets}, options: Object.assign({responsive: true,
            animation: false, plugins: {legend: {display: datasets.length > 1}, tooltip: {enabled: true}}}, options || {})});
        charts.push(made);
        return made;
    }

    function table(headers, rows, id) {
        return h('div', {class: 'scroll'}, h('table', {id}, h('thead', {}, h('tr', {}, headers.map(t => h('th', {scope: 'col'}, t)))),
            h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c)))))));
    }

    const COLOURS = ['#0b57d0', '#b45309', '#15803d', '#a8071a', '#6d28d9'];

    async function drawReports(form) {
        charts.splice(0).forEach(c => c.destroy());
        const pipelineId = form.pipelineId.value;
        const range = {from: form.from.value + 'T00:00:00Z', to: form.to.value + 'T00:00:00Z'};
        const get = (path, params) => api('GET', loc('/reports/' + path) + query(Object.assign({pipelineId}, params)));
        const [byOwner, byMonth, funnel, forecast, durations, velocity] = await Promise.all([
            get('win-rate', Object.assign({groupBy: 'owner'}, range)), get('win-rate', Object.assign({groupBy: 'month'}, range)),
            get('funnel', range), get('forecast', {}), get('stage-durations', range), get('velocity', range)]);
        const box = document.getElementById('reports');
        const section = (id, title, answer, draw) => {
            const canvas = h('canvas', {id: id + '-chart', role: 'img', 'aria-label': title + ' chart; the table beside has the numbers'});
            const el = h('section', {class: 'report', id}, h('h2', {}, title));
            if (!answer.ok) append(el, [h('p', {class: 'error'}, problemText(answer))]);
            else { append(el, [canvas]); append(el, [draw(canvas, answer.body)]); }
            return el;
        };
        clear(box,
            section('win-rate-owner', 'Win rate by owner', byOwner, (canvas, r) => {
                chart(canvas, 'bar', r.groups.map(g => g.key || '(none)'), [{label: 'Win rate %', backgroundColor: COLOURS[0],
                    data: r.groups.map(g => g.winRate === null ? 0 : +(g.winRate * 100).toFixed(1))}], {scales: {y: {max: 100, beginAtZero: true}}});
                return table(['Owner', 'Won', 'Lost', 'Abandoned', 'Won value', 'Win rate'],
                    r.groups.map(g => [g.key || '(none)', g.won, g.lost, g.abandoned, money(g.wonValue), pct(g.winRate)]), 'win-rate-owner-table');
            }),
            section('win-rate-month', 'Win rate by month', byMonth, (canvas, r) => {
                chart(canvas, 'bar', r.groups.map(g => g.key), [{label: 'Won', backgroundColor: COLOURS[2], data: r.groups.map(g => g.won)},
                    {label: 'Lost', backgroundColor: COLOURS[3], data: r.groups.map(g => g.lost)}]);
                return table(['Month', 'Won', 'Lost', 'Win rate'], r.groups.map(g => [g.key, g.won, g.lost, pct(g.winRate)]), 'win-rate-month-table');
            }),
            section('funnel', 'Funnel', funnel, (canvas, r) => {
                chart(canvas, 'bar', r.stages.map(s => s.name), [{label: 'Reached', backgroundColor: COLOURS[0], data: r.stages.map(s => s.reached)}],
                    {indexAxis: 'y'});
                return table(['Stage', 'Reached', 'To next'], r.stages.map(s => [s.name, s.reached, pct(s.conversionToNext)])
                    .concat([['Won', r.won, '']]), 'funnel-table');
            }),
            section('forecast', 'Forecast by stage', forecast, (canvas, r) => {
                chart(canvas, 'bar', r.stages.map(s => s.name), [{label: 'Open value', backgroundColor: COLOURS[4], data: r.stages.map(s => Number(s.openValue))},
                    {label: 'Weighted', backgroundColor: COLOURS[1], data: r.stages.map(s => Number(s.weightedValue))}]);
                return table(['Stage', 'Deals', 'Open value', 'Weighted'], r.stages.map(s => [s.name, s.count, money(s.openValue), money(s.weightedValue)])
                    .concat([['All', '', money(r.openValue), money(r.weightedValue)]]), 'forecast-table');
            }),
            section('stage-durations', 'Time in stage', durations, (canvas, r) => {
                const hours = (s) => s === null || s === undefined ? 0 : +(s / 3600).toFixed(1);
                chart(canvas, 'bar', r.stages.map(s => s.name), [{label: 'Average (h)', backgroundColor: COLOURS[0], data: r.stages.map(s => hours(s.avgSeconds))},
                    {label: 'p90 (h)', backgroundColor: COLOURS[1], data: r.stages.map(s => hours(s.p90Seconds))}]);
                const worst = Math.max(0, ...r.stages.map(s => s.openOverdue || 0));
                return table(['Stage', 'Visits', 'Avg h', 'Median h', 'p90 h', 'Open past p90'], r.stages.map(s => [s.name, s.samples,
                    hours(s.avgSeconds), hours(s.medianSeconds), hours(s.p90Seconds),
                    s.openOverdue && s.openOverdue === worst ? h('span', {class: 'bottleneck'}, s.openOverdue + ' — bottleneck') : s.openOverdue]),
                'stage-durations-table');
            }),
            section('velocity', 'Velocity', velocity, (canvas, r) => {
                chart(canvas, 'bar', ['Open deals', 'Avg won value', 'Win rate %', 'Avg cycle days', 'Value per day'],
                    [{label: 'Velocity', backgroundColor: COLOURS[2], data: [r.openCount, Number(r.avgWonValue || 0),
                        (r.winRate || 0) * 100, Number(r.avgCycleDays || 0), Number(r.velocityPerDay || 0)]}], {});
                return table(['Measure', 'Value'], [['Open deals', r.openCount], ['Average won value', money(r.avgWonValue)],
                    ['Win rate', pct(r.winRate)], ['Average cycle (days)', r.avgCycleDays === null ? '—' : Number(r.avgCycleDays).toFixed(1)],
                    ['Velocity per day', money(r.velocityPerDay)]], 'velocity-table');
            }));
    }

    // ---- webhooks ------------------------------------------------------------------------------------------------

    const EVENTS = ['OpportunityCreate', 'OpportunityStageUpdate', 'OpportunityStatusUpdate', 'OpportunityMonetaryValueUpdate',
        'OpportunityAssignedToUpdate', 'OpportunityUpdate', 'OpportunityDelete', 'OpportunityWentStale',
        'NoteCreate', 'NoteUpdate', 'NoteDelete', 'TaskCreate', 'TaskUpdate', 'TaskComplete', 'TaskReopen', 'TaskDelete'];

    async function webhooksPage() {
        const answer = await api('GET', loc('/webhooks'));
        const items = answer.ok ? answer.body.items : [];
        clear(view,
            h('form', {class: 'panel', id: 'webhook-form', onsubmit: createWebhook},
                h('h2', {}, 'New subscription'),
                h('div', {class: 'row'}, h('label', {}, 'URL ', h('input', {name: 'url', type: 'url', required: true, size: 40})),
                    h('label', {}, 'Pipeline ', h('select', {name: 'pipelineId'}, h('option', {value: ''}, 'Any'),
                        pipelines.map(p => h('option', {value: p.id}, p.name))))),
                h('fieldset', {}, h('legend', {}, 'Events'), EVENTS.map(e => h('label', {class: 'row'},
                    h('input', {type: 'checkbox', name: 'events', value: e, checked: e === 'OpportunityCreate'}), e))),
                h('button', {type: 'submit'}, 'Create'), h('div', {id: 'webhook-secret', role: 'status'})),
            answer.ok ? null : h('p', {class: 'error'}, problemText(answer)),
            h('div', {class: 'scroll'}, h('table', {id: 'webhooks'}, h('thead', {}, h('tr', {}, ['URL', 'Events', 'Status', 'Created', ''].map(t => h('th', {}, t)))),
                h('tbody', {}, items.map(w => h('tr', {}, h('td', {}, w.url), h('td', {}, w.events.join(', ')), h('td', {}, w.status),
                    h('td', {}, when(w.createdAt)), h('td', {}, h('div', {class: 'row'},
                        h('button', {type: 'button', class: 'plain', onclick: () => showDeliveries(w)}, 'Deliveries'),
                        h('button', {type: 'button', class: 'danger', onclick: async () => {
                            if (!confirm('Delete this subscription?')) return;
                            const gone = await api('DELETE', loc('/webhooks/' + encodeURIComponent(w.id)));
                            gone.ok ? webhooksPage() : say(problemText(gone), true);
                        }}, 'Delete')))))))),
            h('div', {id: 'deliveries'}));
    }

    async function createWebhook(event) {
        event.preventDefault();
        const form = event.target;
        const events = [...form.querySelectorAll('input[name=events]:checked')].map(i => i.value);
        const answer = await api('POST', loc('/webhooks'), {url: form.url.value, events, pipelineId: form.pipelineId.value || null});
        if (!answer.ok) return clear(document.getElementById('webhook-secret'), h('p', {class: 'error'}, problemText(answer)));
        const secret = answer.body.secret;
        await webhooksPage();
        clear(document.getElementById('webhook-secret'), h('p', {}, 'Signing secret — shown only now, copy it:'),
            h('div', {class: 'secret', id: 'secret-value'}, secret));
    }

    async function showDeliveries(w) {
        const answer = await api('GET', loc('/webhooks/' + encodeURIComponent(w.id) + '/deliveries'));
        const box = document.getElementById('deliveries');
        if (!answer.ok) return clear(box, h('p', {class: 'error'}, problemText(answer)));
        clear(box, h('div', {class: 'panel'}, h('h2', {}, 'Deliveries to ' + w.url),
            h('form', {class: 'row', onsubmit: async (e) => {
                    e.preventDefault();
                    const from = new Date(e.target.from.value + 'T00:00:00Z').toISOString();
                    const replay = await api('POST', loc('/webhooks/' + encodeURIComponent(w.id) + '/replay') + query({from}));
                    say(replay.ok ? 'Replay started.' : problemText(replay), !replay.ok);
                }}, h('label', {}, 'Replay from ', h('input', {type: 'date', name: 'from', required: true})), h('button', {type: 'submit'}, 'Replay')),
            table(['Event', 'Type', 'Status', 'Attempts', 'Last code', 'Last attempt', 'Delivered', ''], answer.body.items.map(d => [
                d.eventId, d.type, d.status, d.attempts, d.lastStatusCode || '—', when(d.lastAttemptAt), when(d.deliveredAt),
                h('button', {type: 'button', class: 'plain', onclick: async () => {
                    const resent = await api('POST', loc('/webhooks/' + encodeURIComponent(w.id) + '/deliveries/' + encodeURIComponent(d.eventId) + '/resend'));
                    say(resent.ok ? 'Resend queued.' : problemText(resent), !resent.ok);
                    if (resent.ok) showDeliveries(w);
                }}, 'Resend')]), 'deliveries-table')));
    }

    // ---- pipeline settings ---------------------------------------------------------------------------------------

    async function settingsPage(selectedId) {
        const selected = pipelineById(selectedId) || pipelines[0];
        const pipelineCommand = async (method, path, body, after) => {
            const answer = await api(method, loc('/pipelines' + path), body);
            if (!answer.ok) return say(problemText(answer), true);
            say('Saved.');
            await api('GET', loc('/pipelines'), null, {'Consistency-Token': answer.body ? answer.body.consistencyToken : ''});
            await loadPipelines();
            settingsPage(after || (selected && selected.id) || (answer.body && answer.body.id));
        };
        clear(view,
            h('form', {class: 'panel row', id: 'new-pipeline', onsubmit: (e) => {
                    e.preventDefault();
                    pipelineCommand('POST', '', {name: e.target.name.value, stages: [{name: e.target.stage.value || 'Lead', winProbability: 10}]});
                }},
                h('label', {}, 'New pipeline ', h('input', {name: 'name', required: true})),
                h('label', {}, 'first stage ', h('input', {name: 'stage', placeholder: 'Lead'})),
                h('button', {type: 'submit'}, 'Create')),
            h('div', {class: 'row'}, pipelines.map(p => h('button', {type: 'button', class: p === selected ? '' : 'plain',
                'aria-pressed': String(p === selected), onclick: () => settingsPage(p.id)}, p.name))),
            selected ? h('div', {class: 'panel', id: 'pipeline-settings'},
                h('form', {class: 'row', onsubmit: (e) => { e.preventDefault(); pipelineCommand('PATCH', '/' + selected.id, {name: e.target.name.value}); }},
                    h('label', {}, 'Name ', h('input', {name: 'name', value: selected.name})), h('button', {type: 'submit'}, 'Rename'),
                    h('button', {type: 'button', class: 'danger', onclick: () => confirm('Delete this pipeline?')
                        && pipelineCommand('DELETE', '/' + selected.id, null, 'none')}, 'Delete pipeline')),
                h('p', {class: 'muted'}, 'Drag stages by ☰ to reorder, or use ↑ ↓.'),
                h('ul', {class: 'stages-edit', id: 'stages-edit'}, selected.stages.map((s, i) => h('li', {dataset: {stageId: s.id}},
                    h('span', {class: 'handle', 'aria-hidden': 'true'}, '☰'),
                    h('input', {value: s.name, 'aria-label': 'Stage name', class: 'stage-name'}),
                    h('input', {value: s.winProbability, type: 'number', min: 0, max: 100, 'aria-label': 'Win probability %', class: 'stage-probability'}),
                    h('button', {type: 'button', onclick: (e) => {
                        const li = e.target.closest('li');
                        pipelineCommand('PATCH', '/' + selected.id + '/stages/' + s.id, {name: li.querySelector('.stage-name').value,
                            winProbability: Number(li.querySelector('.stage-probability').value)});
                    }}, 'Save'),
                    h('button', {type: 'button', class: 'plain', 'aria-label': 'Move ' + s.name + ' up', disabled: i === 0,
                        onclick: () => reorder(selected, i, i - 1, pipelineCommand)}, '↑'),
                    h('button', {type: 'button', class: 'plain', 'aria-label': 'Move ' + s.name + ' down', disabled: i === selected.stages.length - 1,
                        onclick: () => reorder(selected, i, i + 1, pipelineCommand)}, '↓'),
                    h('button', {type: 'button', class: 'danger', onclick: () => {
                        const others = selected.stages.filter(o => o.id !== s.id);
                        const target = others.length ? prompt('Move its open deals to which stage? (' + others.map(o => o.name).join(', ') + ')', others[0].name) : null;
                        const to = others.find(o => o.name === target);
                        pipelineCommand('DELETE', '/' + selected.id + '/stages/' + s.id + (to ? '?moveOpenTo=' + encodeURIComponent(to.id) : ''));
                    }}, 'Remove')))),
                h('form', {class: 'row', onsubmit: (e) => { e.preventDefault();
                        pipelineCommand('POST', '/' + selected.id + '/stages', {name: e.target.name.value, winProbability: Number(e.target.p.value || 0)}); }},
                    h('label', {}, 'New stage ', h('input', {name: 'name', required: true})),
                    h('label', {}, 'win % ', h('input', {name: 'p', type: 'number', min: 0, max: 100, value: 50})),
                    h('button', {type: 'submit'}, 'Add stage'))) : null);
        const stageList = document.getElementById('stages-edit');
        if (stageList && window.Sortable) {
            Sortable.create(stageList, {handle: '.handle', animation: 120, forceFallback: true, onEnd: () => {
                const ids = [...stageList.children].map(li => li.dataset.stageId);
                pipelineCommand('POST', '/' + selected.id + '/stages/order', {stageIds: ids});
            }});
        }
    }

    function reorder(pipeline, from, to, pipelineCommand) {
        const ids = pipeline.stages.map(s => s.id);
        const [moved] = ids.splice(from, 1);
        ids.splice(to, 0, moved);
        pipelineCommand('POST', '/' + pipeline.id + '/stages/order', {stageIds: ids});
    }

    // ---- start ---------------------------------------------------------------------------------------------------

    if (session.key) start();
    else signOut();
})();
