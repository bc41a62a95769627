package io.trackerhub.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile request bodies, drawn from a seeded {@link Random} so that a failing run can be repeated: mutations of a
 * real body (truncated, fields dropped or duplicated, wrong types, huge strings), random JSON and XML, XML entity
 * expansion and external entities, deep nesting, 10 MB bodies, invalid UTF-8, and the content type to send each with.
 */
final class FuzzBodies {

    /** One body to send: what it is (for the report), its bytes, its Content-Type (null: none). */
    record Body(String kind, byte[] bytes, String contentType) {
        static Body json(String kind, String text) {
            return new Body(kind, text.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        Body as(String type) {
            return new Body(kind + " as " + type, bytes, type);
        }

        @Override
        public String toString() {
            String shown = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            return kind + " (" + bytes.length + " bytes, " + contentType + "): " + shown;
        }
    }

    static final int TEN_MB = 10 * 1024 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WRONG_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "application/json; charset=ISO-8859-1", "*/*", null};
    static final String[] NASTY_STRINGS = {"", " ", "\u0000", "' OR 1=1 --", "\"; DROP TABLE x;--", "%27", "%00", "${jndi:ldap://127.0.0.1/x}",
            "<script>alert(1)</script>", "../../../../etc/passwd", "\uFEFF", "\u202E", "😀", "\uD800", "null", "true", "-1", "1e309",
            "99999999999999999999999", "NaN", "\\", "{{7*7}}", "\r\nX-Injected: 1", "ǅ", "日本語"};

    private final Random random;
    private final String xxeUrl;

    FuzzBodies(long seed, String xxeUrl) {
        this.random = new Random(seed);
        this.xxeUrl = xxeUrl;
    }

    Random random() {
        return random;
    }

    /** A hostile JSON-ish body for an API that takes {@code example}. */
    Body forJson(JsonNode example) {
        int pick = random.nextInt(100);
        if (pick < 45) {
            return Body.json("mutated", mutate(example).toString());
        } else if (pick < 55) {
            return Body.json("duplicate field", duplicateField(example.toString()));
        } else if (pick < 63) {
            String text = example.toString();
            return Body.json("truncated", text.substring(0, random.nextInt(Math.max(1, text.length()))));
        } else if (pick < 73) {
            return Body.json("random JSON", randomJson(0).toString());
        } else if (pick < 78) {
            return invalidUtf8(example.toString());
        } else if (pick < 82) {
            return Body.json("huge string", hugeString(example).toString());
        } else if (pick < 86) {
            return randomBytes();
        } else if (pick < 90) {
            return xml(random.nextBoolean()).as(random.nextBoolean() ? "application/json" : "application/xml");
        } else if (pick < 94) {
            return Body.json("mutated, wrong content type", mutate(example).toString()).as(WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]);
        } else if (pick < 97) {
            return new Body("empty", new byte[0], random.nextBoolean() ? "application/json" : null);
        } else {
            return deepNesting();
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** The example with one to three things wrong in it. */
    JsonNode mutate(JsonNode example) {
        JsonNode copy = example.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            copy = mutateOnce(copy);
        }
        return copy;
    }

    private JsonNode mutateOnce(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return randomValue();
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, randomValue());
                case 2 -> object.set(name, NODES.textNode(NASTY_STRINGS[random.nextInt(NASTY_STRINGS.length)]));
                default -> object.set("x_" + random.nextInt(1000), randomValue());
            }
        } else if (target instanceof ArrayNode array) {
            if (array.size() > 0 && random.nextBoolean()) {
                array.set(random.nextInt(array.size()), randomValue());
            } else {
                array.add(randomValue());
            }
        } else if (target instanceof ObjectNode object) {
            object.set("x", randomValue());
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, into));
        }
    }

    JsonNode randomValue() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextInt(3) - 1);
            case 4 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5 -> NODES.numberNode(random.nextDouble() * 1e12 - 5e11);
            case 6 -> NODES.textNode(NASTY_STRINGS[random.nextInt(NASTY_STRINGS.length)]);
            case 7 -> NODES.textNode(randomText(1 + random.nextInt(40)));
            case 8 -> NODES.arrayNode().add(random.nextInt()).add("x");
            case 9 -> NODES.objectNode().put("a", 1);
            case 10 -> NODES.textNode("2026-13-45T25:61:00Z");
            default -> NODES.textNode("x".repeat(1 + random.nextInt(5000)));
        };
    }

    JsonNode randomJson(int depth) {
        if (depth > 4 || random.nextInt(3) == 0) {
            return randomValue();
        }
        if (random.nextBoolean()) {
            ObjectNode object = NODES.objectNode();
            for (int i = random.nextInt(6); i > 0; i--) {
                object.set(randomText(1 + random.nextInt(12)), randomJson(depth + 1));
            }
            return object;
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(6); i > 0; i--) {
            array.add(randomJson(depth + 1));
        }
        return array;
    }

    private JsonNode hugeString(JsonNode example) {
        JsonNode copy = example.deepCopy();
        String huge = randomText(16).repeat(1 + random.nextInt(60_000)); // up to ~1 MB
        if (copy instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.put(names.get(random.nextInt(names.size())), huge);
            return object;
        }
        return NODES.textNode(huge);
    }

    /** A field written twice in the text (a tree cannot hold that): {"a":1,"a":"x"}. */
    private String duplicateField(String json) {
        int colon = json.indexOf("\":");
        if (!json.startsWith("{") || colon < 0) {
            return "{\"a\":1,\"a\":2}";
        }
        int start = json.lastIndexOf('"', colon - 1);
        String name = json.substring(start, colon + 1);
        return "{" + name + ":" + randomValue() + "," + json.substring(1);
    }

    private String randomText(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            sb.append(kind < 6 ? (char) ('a' + random.nextInt(26)) : kind < 8 ? (char) (0x20 + random.nextInt(95)) : (char) (0xA0 + random.nextInt(0x2000)));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ bytes

    /** Bytes that are not UTF-8 inside what is otherwise the body: a lone continuation byte, an overlong form, 0xFF. */
    Body invalidUtf8(String text) {
        byte[] good = text.getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC3}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = good.length == 0 ? 0 : random.nextInt(good.length);
        // inside a string value where there is one, so that the parser reads the bytes as text
        int quote = text.indexOf("\":\"");
        if (quote > 0 && random.nextBoolean()) {
            at = new String(text.substring(0, quote + 3)).getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] out = new byte[good.length + insert.length];
        System.arraycopy(good, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(good, at, out, at + insert.length, good.length - at);
        return new Body("invalid UTF-8", out, "application/json");
    }

    Body randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(4096)];
        random.nextBytes(bytes);
        return new Body("random bytes", bytes, random.nextBoolean() ? "application/json" : "application/octet-stream");
    }

    /** 100,000 '[' (or '{"a":'), unclosed or closed. */
    Body deepNesting() {
        int depth = 100_000;
        boolean arrays = random.nextBoolean();
        boolean closed = random.nextBoolean();
        StringBuilder sb = new StringBuilder(depth * 6);
        sb.append((arrays ? "[" : "{\"a\":").repeat(depth));
        if (closed) {
            sb.append("1").append((arrays ? "]" : "}").repeat(depth));
        }
        return Body.json("deep nesting (" + (arrays ? "[" : "{") + (closed ? ", closed" : "") + ")", sb.toString());
    }

    /** Ten megabytes: a JSON string that long, or filler. */
    Body tenMegabytes() {
        byte[] bytes = new byte[TEN_MB];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[0] = '"';
        bytes[bytes.length - 1] = '"';
        return new Body("10 MB", bytes, "application/json");
    }

    // ------------------------------------------------------------------------------------------------ XML

    /** Billion laughs, or an external entity (a file and a URL at the receiver that must never be asked for). */
    Body xml(boolean expansion) {
        if (expansion) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE activity [\n<!ENTITY lol \"lol\">\n");
            sb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
            for (int i = 2; i <= 9; i++) {
                sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
            }
            sb.append("]>\n<activity><id type=\"integer\">1</id><version type=\"integer\">1</version>")
                    .append("<event_type>story_update</event_type><description>&lol9;</description></activity>");
            return new Body("XML billion laughs", sb.toString().getBytes(StandardCharsets.UTF_8), "application/xml");
        }
        String target = random.nextBoolean() ? "file:///etc/passwd" : xxeUrl;
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE activity [<!ENTITY xxe SYSTEM \"" + target + "\">"
                + (random.nextBoolean() ? "<!ENTITY % p SYSTEM \"" + xxeUrl + "\"> %p;" : "") + "]>\n"
                + "<activity><id type=\"integer\">1</id><version type=\"integer\">1</version><event_type>story_update</event_type>"
                + "<occurred_at type=\"datetime\">2010/01/01 00:00:00 UTC</occurred_at><author>&xxe;</author>"
                + "<project_id type=\"integer\">1</project_id><description>&xxe;</description><stories type=\"array\"><story>"
                + "<id type=\"integer\">1</id><url>&xxe;</url><name>&xxe;</name></story></stories></activity>";
        return new Body("XML external entity " + (target.startsWith("file") ? "file" : "http"), xml.getBytes(StandardCharsets.UTF_8), "application/xml");
    }

    /** A real v3 XML body with something wrong in it: an element dropped, doubled or emptied, text replaced, cut short. */
    Body mutateXml(String xml) {
        String out = xml;
        int mutations = 1 + random.nextInt(2);
        for (int i = 0; i < mutations; i++) {
            List<int[]> elements = elements(out);
            if (elements.isEmpty()) {
                break;
            }
            int[] e = elements.get(random.nextInt(elements.size()));
            String element = out.substring(e[0], e[1]);
            out = switch (random.nextInt(6)) {
                case 0 -> out.substring(0, e[0]) + out.substring(e[1]);
                case 1 -> out.substring(0, e[1]) + element + out.substring(e[1]);
                case 2 -> out.substring(0, e[0]) + element.replaceFirst(">[^<]*<", java.util.regex.Matcher.quoteReplacement(">" + xmlText() + "<")) + out.substring(e[1]);
                case 3 -> out.substring(0, e[0]) + element.replaceFirst("type=\"[a-z]+\"", "type=\"" + randomText(4).replaceAll("[^a-z]", "z") + "\"") + out.substring(e[1]);
                case 4 -> out.substring(0, random.nextInt(Math.max(1, out.length())));
                default -> out.substring(0, e[0]) + "<" + randomText(5).replaceAll("[^a-z]", "q") + ">" + xmlText() + "</x>" + out.substring(e[1]);
            };
        }
        return new Body("mutated v3 XML", out.getBytes(StandardCharsets.UTF_8), random.nextInt(4) == 0 ? "application/json" : "application/xml");
    }

    private String xmlText() {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "&amp;&lt;&#0;&#xD800;";
            case 3 -> "x".repeat(random.nextInt(200_000));
            default -> randomText(20).replace("<", "").replace("&", "");
        };
    }

    /** Start and end of each simple element {@code <name …>text</name>} in the text. */
    private static List<int[]> elements(String xml) {
        List<int[]> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([a-z_]+)[^<>]*>[^<]*</\\1>").matcher(xml);
        while (m.find()) {
            found.add(new int[]{m.start(), m.end()});
        }
        return found;
    }
}
