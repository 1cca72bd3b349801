package io.customertimeline.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.tasks.FollowUpRules;
import io.customertimeline.tasks.TaskProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Whatever a sender gets wrong, the answer is a named field, never an unexpected exception (a 500). */
class CallPayloadProperties {

    static final List<String> FIXTURES = List.of("vapi/end-of-call-report-inbound-quote.json",
            "vapi/end-of-call-report-outbound-complaint.json", "vapi/end-of-call-report-voicemail.json",
            "retell/call-analyzed-inbound.json", "retell/call-ended-dial-no-answer.json",
            "retell/call-analyzed-in-voicemail.json", "plain/call.json");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    final CallPayloads payloads = new CallPayloads();
    final FollowUpRules rules = FollowUpRules.from(TaskProperties.defaults());

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Property(tries = 1500)
    void mutatedVendorBodiesAreAcceptedOrRejectedByField(@ForAll("fixtures") String fixture, @ForAll Random random) {
        JsonNode root = JSON.readTree(Fixtures.bytes(fixture));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(root, random);
        }
        try {
            CallDelivery delivery = payloads.read(JSON.writeValueAsBytes(root));
            if (delivery instanceof CallDelivery.Accepted accepted) {
                assertThat(accepted.call().propertyNames()).isSubsetOf(CanonicalCall.FIELDS);
                rules.forCall(accepted.call(), Instant.parse("2025-01-15T10:00:00Z"));
            }
        } catch (InvalidPayloadException rejected) {
            assertThat(rejected.field()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void truncatedBodiesAreRejectedAsBody(@ForAll("fixtures") String fixture, @ForAll Random random) {
        byte[] body = Fixtures.bytes(fixture);
        byte[] cut = new String(body, StandardCharsets.UTF_8).substring(0, random.nextInt(body.length - 2))
                .getBytes(StandardCharsets.UTF_8);
        try {
            payloads.read(cut);
        } catch (io.customertimeline.system.InvalidInputException rejected) { // a call payload's, or not JSON at all
            assertThat(rejected.field()).isNotBlank();
        }
    }

    /** Replaces one node somewhere in the tree with a value of a random, often wrong, type. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = switch (random.nextInt(10)) {
            case 0 -> F.nullNode();
            case 1 -> F.stringNode("");
            case 2 -> F.stringNode("not a date or a number");
            case 3 -> F.numberNode(-1);
            case 4 -> F.numberNode(1e300);
            case 5 -> F.booleanNode(random.nextBoolean());
            case 6 -> F.arrayNode().add("x");
            case 7 -> F.objectNode();
            case 8 -> F.stringNode("2025-13-45T99:99:99Z");
            default -> null; // remove
        };
        if (parent instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            if (replacement == null) {
                object.remove(name);
            } else {
                object.set(name, replacement);
            }
        } else if (parent instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            for (JsonNode child : node) {
                collect(child, containers);
            }
        }
    }
}
