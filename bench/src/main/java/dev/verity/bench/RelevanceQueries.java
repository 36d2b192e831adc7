package dev.verity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judged query set derived from the corpus, the way a support agent asks: a page's task description ("Extract an
 * archive into a directory") is the query, and the page it came from is the one right answer. Only descriptions
 * that occur on exactly one page are used, so the judgement is unambiguous; a share of them get one typo (two
 * neighbouring letters of their longest word swapped). MRR@10 is the mean of 1/rank of the right page within the
 * first ten hits (0 when it is not among them).
 */
final class RelevanceQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** tldr marks the letter of a short option inside a word: "[n]ome" is "nome". */
    private static final Pattern OPTION_MARK = Pattern.compile("\\[(\\p{L}+)]");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    record Judged(String query, String pageId, boolean typo) {
    }

    private RelevanceQueries() {
    }

    static List<Judged> derive(Path corpus, int count, double typoShare) throws Exception {
        Map<String, List<String>> pagesByDescription = new HashMap<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            JsonNode page = JSON.readTree(line);
            for (String row : page.path("markdown").asText().split("\n")) {
                if (!row.startsWith("- ")) {
                    continue;
                }
                String description = OPTION_MARK.matcher(row.substring(2)).replaceAll("$1").strip();
                if (description.endsWith(":")) {
                    description = description.substring(0, description.length() - 1);
                }
                if (description.contains("`") || description.contains("{{") || words(description) < 3
                        || words(description) > 10) {
                    continue;
                }
                pagesByDescription.computeIfAbsent(description.toLowerCase(), d -> new ArrayList<>())
                        .add(page.path("id").asText());
            }
        }
        List<String> unique = new ArrayList<>();
        pagesByDescription.forEach((description, pages) -> {
            if (pages.size() == 1) {
                unique.add(description);
            }
        });
        Collections.sort(unique);
        Random random = new Random(7);
        Collections.shuffle(unique, random);
        List<Judged> judged = new ArrayList<>();
        for (String description : unique.subList(0, Math.min(count, unique.size()))) {
            String page = pagesByDescription.get(description).get(0);
            if (random.nextDouble() < typoShare) {
                judged.add(new Judged(withTypo(description, random), page, true));
            } else {
                judged.add(new Judged(description, page, false));
            }
        }
        return judged;
    }

    private static int words(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Two neighbouring inner letters of the longest word swapped: the commonest typo. */
    static String withTypo(String text, Random random) {
        Matcher m = WORD.matcher(text);
        int start = -1;
        int end = -1;
        while (m.find()) {
            if (m.end() - m.start() > end - start) {
                start = m.start();
                end = m.end();
            }
        }
        if (end - start < 5) {
            return text;
        }
        int at = start + 1 + random.nextInt(end - start - 3);
        char[] letters = text.toCharArray();
        char swap = letters[at];
        letters[at] = letters[at + 1];
        letters[at + 1] = swap;
        return new String(letters);
    }

    /** 1/rank of {@code wanted} among the first ten of {@code ranked}, else 0. */
    static double reciprocalRank(List<String> ranked, String wanted) {
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (ranked.get(i).equals(wanted)) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }
}
