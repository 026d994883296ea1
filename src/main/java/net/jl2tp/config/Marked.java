package net.jl2tp.config;

/** A config object that knows where each of its properties came from. */
public interface Marked {
    Marks marks();

    /**
     * The mark for a Java property name as a validator reports it ({@code tunnelId}): it maps to
     * the YAML key {@code tunnel-id}; {@code name} is the object's own key.
     */
    default SourceMark markOfProperty(String property) {
        if (property.isEmpty() || property.equals("name")) {
            return marks().self();
        }
        return marks().of(yamlKey(property));
    }

    static String yamlKey(String property) {
        StringBuilder key = new StringBuilder();
        for (char c : property.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('-').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
