# syntax=docker/dockerfile:1
# dealflow's one deployable, built from this repository: no jar needs to exist on the host.
# Build stage: the Maven wrapper fetches Maven and the dependencies (kept in a BuildKit cache between builds) and
# packages the standalone server. Tests run in CI (`./mvnw -B verify`), not in the image build.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl standalone -am package -DskipTests -DskipClassDataArchive \
    && java -Djarmode=tools -jar standalone/target/dealflow-standalone.jar extract --destination /app

# Runtime stage: a JRE, curl for the health check, and the extracted server, run as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin dealflow
COPY --from=build --chown=dealflow /app /app
WORKDIR /app
USER dealflow
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
# Roles, database and keys come from the environment (docker-compose.yml): DEALFLOW_ROLES, SPRING_DATASOURCE_URL, ...
ENTRYPOINT ["java", "-Xmx384m", "-XX:+UseSerialGC", "-jar", "/app/dealflow-standalone.jar"]
