package io.dealflow.security.access;

import io.dealflow.security.SecurityApiTest;
import io.dealflow.security.testapp.ProbeController;
import io.dealflow.security.testsupport.EndpointSweep;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.stream.Stream;

class EndpointSecurityTest extends SecurityApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    AccessRules rules;

    @TestFactory
    Stream<DynamicTest> everyMappedEndpointIsGuarded() {
        return new EndpointSweep(client, rules, ProbeController::writes).tests(mapping);
    }
}
