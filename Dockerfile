# The one image every role runs from; build the jar first with ./mvnw -B package -DskipTests.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 orderhub && mkdir -p /data && chown orderhub /data
USER orderhub
WORKDIR /app
COPY target/order-import-hub-*.jar /app/order-import-hub.jar
EXPOSE 8080 8081
# The parallel collector: on the small machines a hub runs on (two cores), G1's collector threads and
# concurrent marking took 14 % of the CPU in a profile under load, the parallel collector's 4 %
# (bench/run.sh, same options and -Xmx512m: 701 imports/s instead of 593, no-op ceiling 17,381/s instead of 13,678).
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-jar", "/app/order-import-hub.jar"]
