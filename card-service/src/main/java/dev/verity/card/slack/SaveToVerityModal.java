package dev.verity.card.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.card.content.SlackMarkdown;
import dev.verity.card.folders.Folder;
import dev.verity.platform.slack.SlackMessages;
import java.util.List;

/**
 * The "Save to Verity" modal: title, collection and folder (only where the person may author) and the message's
 * text, with the message's coordinates in {@code private_metadata} for the submission. Block ids are the names
 * {@link #submitted} reads and the errors a submission answers with point at.
 */
final class SaveToVerityModal {

    static final String CALLBACK_ID = "save_to_verity";
    static final String TITLE = "title";
    static final String COLLECTION = "collection";
    static final String FOLDER = "folder";
    static final String TEXT = "text";
    private static final String VALUE = "value";

    /** Slack's limits: option text 75 characters, a plain-text input's value 3000. */
    private static final int OPTION_TEXT = 75;
    static final int MAX_TEXT = 3000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SaveToVerityModal() {
    }

    /** What the modal says about the message it saves, carried through Slack in {@code private_metadata}. */
    record Origin(String channelId, String channelName, String ts, String threadTs, String author, String permalink) {
    }

    /** What the person submitted. */
    record Submitted(String title, String collectionId, String folderId, String text) {
    }

    static ObjectNode view(Origin origin, String text, List<SlackCaptures.Place> places, ObjectNode metadata) {
        ObjectNode view = JSON.objectNode().put("type", "modal").put("callback_id", CALLBACK_ID);
        view.set("title", SlackMessages.plain("Save to Verity"));
        view.set("submit", SlackMessages.plain("Save"));
        view.set("close", SlackMessages.plain("Cancel"));
        view.put("private_metadata", metadata.toString());
        ArrayNode blocks = view.putArray("blocks");

        String trimmed = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        String title = SlackMarkdown.titleFrom(text);
        ObjectNode titleInput = JSON.objectNode().put("type", "plain_text_input").put("action_id", VALUE)
                .put("max_length", 200);
        if (!title.isBlank()) {
            titleInput.put("initial_value", title.length() > 200 ? title.substring(0, 200) : title);
        }
        blocks.add(input(TITLE, "Title", titleInput, false));

        ArrayNode options = JSON.arrayNode();
        places.forEach(p -> options.add(option(p.name(), p.collectionId().toString())));
        ObjectNode collection = JSON.objectNode().put("type", "static_select").put("action_id", VALUE);
        collection.set("placeholder", SlackMessages.plain("Where you may author"));
        collection.set("options", options);
        collection.set("initial_option", options.get(0));
        blocks.add(input(COLLECTION, "Collection", collection, false));

        ArrayNode groups = JSON.arrayNode();
        int count = 0;
        for (SlackCaptures.Place place : places) {
            ArrayNode folderOptions = JSON.arrayNode();
            for (Folder folder : place.folders()) {
                if (count++ < SlackCaptures.MAX_OPTIONS) {
                    folderOptions.add(option(folder.name, folder.id.toString()));
                }
            }
            if (!folderOptions.isEmpty()) {
                ObjectNode group = groups.addObject();
                group.set("label", SlackMessages.plain(shorten(place.name())));
                group.set("options", folderOptions);
            }
        }
        if (!groups.isEmpty()) {
            ObjectNode folder = JSON.objectNode().put("type", "static_select").put("action_id", VALUE);
            folder.set("placeholder", SlackMessages.plain("A folder of the collection (optional)"));
            folder.set("option_groups", groups);
            blocks.add(input(FOLDER, "Folder", folder, true));
        }

        ObjectNode textInput = JSON.objectNode().put("type", "plain_text_input").put("action_id", VALUE)
                .put("multiline", true).put("max_length", MAX_TEXT).put("initial_value", trimmed);
        blocks.add(input(TEXT, "Text (Slack formatting is kept)", textInput, false));
        return view;
    }

    static Submitted submitted(JsonNode view) {
        JsonNode values = view.path("state").path("values");
        return new Submitted(text(values, TITLE), selected(values, COLLECTION), selected(values, FOLDER),
                text(values, TEXT));
    }

    private static String text(JsonNode values, String block) {
        JsonNode value = values.path(block).path(VALUE).path("value");
        return value.isTextual() ? value.asText() : null;
    }

    private static String selected(JsonNode values, String block) {
        JsonNode value = values.path(block).path(VALUE).path("selected_option").path("value");
        return value.isTextual() ? value.asText() : null;
    }

    private static ObjectNode input(String blockId, String label, ObjectNode element, boolean optional) {
        ObjectNode block = JSON.objectNode().put("type", "input").put("block_id", blockId).put("optional", optional);
        block.set("label", SlackMessages.plain(label));
        block.set("element", element);
        return block;
    }

    private static ObjectNode option(String text, String value) {
        ObjectNode option = JSON.objectNode();
        option.set("text", SlackMessages.plain(shorten(text)));
        option.put("value", value);
        return option;
    }

    private static String shorten(String text) {
        return text.length() <= OPTION_TEXT ? text : text.substring(0, OPTION_TEXT - 1) + "…";
    }
}
