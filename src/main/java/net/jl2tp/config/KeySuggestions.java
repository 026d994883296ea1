package net.jl2tp.config;

import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known key a user most likely meant by an unknown one. */
final class KeySuggestions {
    private KeySuggestions() {
    }

    /** Longer keys get no suggestion: no key is that long, and the distance table grows with it. */
    static final int MAX_KEY_LENGTH = 40;

    static Optional<String> closest(String unknown, KeyTable table) {
        return closest(unknown, table.names(), table);
    }

    /** The name among {@code names} (site names, say) most likely meant by {@code unknown}. */
    static Optional<String> closest(String unknown, java.util.Collection<String> names) {
        return closest(unknown, names, KeyTable.NONE);
    }

    private static Optional<String> closest(String unknown, java.util.Collection<String> known, KeyTable table) {
        if (unknown.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        String normalized = unknown.toLowerCase(Locale.ROOT).replace('_', '-').strip();
        for (String key : known) {
            if (key.equals(normalized)) {
                return Optional.of(key);
            }
        }
        Optional<String> mapped = table.byIpWord(unknown.toLowerCase(Locale.ROOT));
        if (mapped.isPresent()) {
            return mapped;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = editDistance(normalized, key);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = key;
            }
        }
        int allowed = Math.max(1, Math.min(3, normalized.length() / 4));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters costs one. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
