package io.dealflow.command;

import io.dealflow.security.access.AccessRules;
import io.dealflow.security.testsupport.EndpointSweep;
import io.dealflow.security.testsupport.KeyClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.stream.Stream;

/**
 * Every endpoint the command side maps, read from the running application: 401 without a key or with a revoked one,
 * 403 without the scope, 404 from another location, and no event appended by any refused call.
 */
class EndpointSecurityTest extends CommandApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    AccessRules rules;

    @TestFactory
    Stream<DynamicTest> everyMappedEndpointIsGuarded() {
        return new EndpointSweep(new KeyClient(port), rules, this::eventCount).tests(mapping);
    }
}
