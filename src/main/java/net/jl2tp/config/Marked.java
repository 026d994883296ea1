package net.jl2tp.config;

/** A config object that knows where each of its properties came from. */
public interface Marked {
    Marks marks();

    /** The table of the keys this object is read from. */
    KeyTable keys();

    /**
     * The mark of a record component, as a validator's property path names it: the value of the
     * key that fills it (its table row says which), or the object's own mark for its name.
     */
    default SourceMark markOfComponent(String component) {
        return keys().byComponent(component).map(key -> marks().of(key)).orElse(marks().self());
    }
}
