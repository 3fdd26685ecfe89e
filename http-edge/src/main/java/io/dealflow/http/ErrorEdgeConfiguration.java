package io.dealflow.http;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * One error edge: every error Spring or Tomcat answers itself comes as a problem (or in a door's shape), never as
 * Boot's error JSON or Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
@Import(ErrorEdge.class)
public class ErrorEdgeConfiguration {

    /**
     * Puts {@link ProblemReportValve} in place of the host's error report valve. Runs after Boot's own customizer,
     * which adds a plain {@link ErrorReportValve}, so the last word is ours.
     */
    @Bean
    @ConditionalOnClass(Tomcat.class)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(
            ObjectProvider<Problems.ShapedPaths> doors) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Host host = (Host) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemReportValve(doors));
                    if (host instanceof StandardHost standard) {
                        // Else the host adds Tomcat's own valve again when it starts.
                        standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                    }
                });
            }
        };
    }
}
