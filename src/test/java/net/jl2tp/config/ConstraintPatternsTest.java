package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.jl2tp.config.constraints.HexCookie;
import net.jl2tp.config.constraints.InterfaceName;
import net.jl2tp.config.constraints.InterfaceNames;
import net.jl2tp.config.constraints.SchemaString;
import net.jl2tp.model.Cookie;
import org.junit.jupiter.api.Test;

/**
 * Each constraint's JSON Schema pattern ({@link SchemaString}) accepts exactly what its validator
 * accepts: on every string of one or two characters of a mixed alphabet, the edge cases, and
 * thousands of random strings.
 */
class ConstraintPatternsTest {
    private static final String ALPHABET = "aZ09fF.:/%- _!~\t\u00e9\u0661\uff10xall";

    @Test
    void interfaceNamePatternIsTheValidator() {
        agree(InterfaceName.class, s -> InterfaceNames.problem(s) == null,
                List.of("l2tpeth0", ".", "..", "...", "all", "default", "alls", "a".repeat(15), "a".repeat(16), "pw%d",
                        "eth0.5", "-", "0", "br@x", "a\u007f"));
    }

    @Test
    void hexCookiePatternIsTheValidator() {
        agree(HexCookie.class, Cookie::isValidHex,
                List.of("014d3636", "014d3636deadbeef", "0x014d3636", "014D3636", "014d363", "014d3636d", "g14d3636",
                        "014d3636deadbee", "014d3636deadbeef0", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668"));
    }

    private static void agree(Class<? extends java.lang.annotation.Annotation> constraint, Predicate<String> validator,
            List<String> cases) {
        Pattern pattern = Pattern.compile(constraint.getAnnotation(SchemaString.class).pattern());
        List<String> samples = new ArrayList<>(cases);
        for (char a : ALPHABET.toCharArray()) {
            samples.add(String.valueOf(a));
            for (char b : ALPHABET.toCharArray()) {
                samples.add("" + a + b);
            }
        }
        for (int c = 0; c < 128; c++) {
            samples.add("ab" + (char) c + "cd");
            samples.add("0123456" + (char) c);
        }
        Random random = new Random(21);
        String hex = "0123456789abcdefABCDEFgx";
        for (int i = 0; i < 20_000; i++) {
            String letters = i % 2 == 0 ? ALPHABET : hex;
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(19); n > 0; n--) {
                s.append(letters.charAt(random.nextInt(letters.length())));
            }
            samples.add(s.toString());
        }
        int accepted = 0;
        for (String s : samples) {
            boolean valid = validator.test(s);
            assertThat(pattern.matcher(s).matches()).as("'%s'", s).isEqualTo(valid);
            accepted += valid ? 1 : 0;
        }
        assertThat(accepted).as("accepted samples").isGreaterThan(50);
    }
}
