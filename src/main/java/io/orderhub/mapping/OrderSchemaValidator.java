package io.orderhub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Checks a mapped order (with its hub {@code id}) against {@code schema/universal-order.schema.json}. */
@Component
public class OrderSchemaValidator {

    static final String SCHEMA = "schema/universal-order.schema.json";

    private final JsonSchema schema;

    public OrderSchemaValidator(ObjectMapper objectMapper) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                // draft 2020-12 treats "format" as an annotation only; created_at must really be a date-time.
                .formatAssertionsEnabled(true)
                .build();
        try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
            JsonNode schemaNode = objectMapper.readTree(in);
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA, e);
        }
        this.schema.initializeValidators();
    }

    /** The schema violations, one readable line each ({@code $.totals.total: is missing but it is required}); empty when valid. */
    public List<String> validate(JsonNode order) {
        return schema.validate(order).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
