package dev.rowcast.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rowcast.contract.GoldenEvents.GoldenEvent;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The JSON Schema files and the golden events agree, and the schemas do reject what the codec rejects. */
class SchemaTest {

    private static JsonSchema schema(String file) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(GoldenEvents.schema(file));
    }

    @Test
    void everyGoldenValueMatchesItsSchema() throws Exception {
        JsonSchema row = schema("row-event.v1.schema.json");
        JsonSchema status = schema("source-status.v1.schema.json");
        int checked = 0;
        for (GoldenEvent golden : GoldenEvents.all()) {
            if (golden.record().value() == null) {
                continue;
            }
            JsonNode value = Json.parse(golden.record().value());
            Set<ValidationMessage> errors = (golden.isStatus() ? status : row).validate(value);
            assertEquals(Set.of(), errors, golden.name());
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void schemaRejectsAnUnknownTypeAndAMissingField() throws Exception {
        JsonSchema row = schema("row-event.v1.schema.json");
        ObjectNode value = (ObjectNode) Json.parse(GoldenEvents.load("upsert-composite-key").record().value());
        ((ObjectNode) value.get("columnTypes")).put("Qty", "MONEY");
        value.remove("position");
        Set<ValidationMessage> errors = row.validate(value);
        assertEquals(2, errors.size(), errors.toString());
    }
}
