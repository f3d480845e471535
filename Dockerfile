# The one image every role runs from; build the jar first with ./mvnw -B package -DskipTests.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 orderhub && mkdir -p /data && chown orderhub /data
USER orderhub
WORKDIR /app
COPY target/order-import-hub-*.jar /app/order-import-hub.jar
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/order-import-hub.jar"]
