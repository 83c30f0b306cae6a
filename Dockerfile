# The vpcflow image: one runnable jar (cli/target/vpcflow.jar, the same jar ./vpcflow builds) on a JRE.
# Build stage: the Maven wrapper builds the CLI module and what it needs, tests skipped (./mvnw verify runs them).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -ntp -DskipTests -Dquarkus.build.skip=true -pl cli -am package

# Runtime stage: the jar and the example networks. Entry point is the CLI (`vpcflow <command>`); the streams app runs
# as `java -cp /opt/vpcflow/vpcflow.jar io.vpcflow.streams.StreamsApp` (see docker-compose.yml).
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /var/lib/vpcflow vpcflow \
    && mkdir -p /var/lib/vpcflow/state && chown vpcflow /var/lib/vpcflow/state
COPY --from=build /src/cli/target/vpcflow.jar /opt/vpcflow/vpcflow.jar
COPY examples /opt/vpcflow/examples
USER vpcflow
WORKDIR /var/lib/vpcflow
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/vpcflow/vpcflow.jar"]
