package net.jl2tp.plan;

import java.util.Optional;
import net.jl2tp.config.SourceMark;

/**
 * What one plan does with one object (a tunnel, a session, a link), decided from the config's
 * version, the kernel's and whether jl2tp made it, before any change is written: the changes,
 * notes and conflicts follow from the fates (see {@link Fates}).
 *
 * @param <T> the kind of object
 */
sealed interface Fate<T> {
    /** The object as the kernel has it, when this plan removes it (deleted, or deleted to be made again). */
    default Optional<T> going() {
        return Optional.empty();
    }

    /** The object this plan makes (new, or made again): it starts from the kernel's defaults. */
    default Optional<T> made() {
        return Optional.empty();
    }

    default boolean goes() {
        return going().isPresent();
    }

    default boolean fresh() {
        return made().isPresent();
    }

    default boolean inConflict() {
        return false;
    }

    /** Tells the visitor which fate this is, so that a new kind of fate fails to compile until each visitor knows it. */
    void accept(Visitor<T> visitor);

    interface Visitor<T> {
        void keep(T live, T wanted);

        void adopt(T live, T wanted, String why);

        void create(T wanted, String why);

        void delete(T live, String why, Optional<SourceMark> origin);

        void replace(T live, T wanted, String why, Optional<SourceMark> origin);

        void conflict(String message, Optional<SourceMark> origin);

        void leaveAlone(T live);
    }

    /** jl2tp's, and what the config wants in every field that cannot change in place. */
    record Keep<T>(T live, T wanted) implements Fate<T> {
        public void accept(Visitor<T> visitor) {
            visitor.keep(live, wanted);
        }
    }

    /** Made outside jl2tp and matching the config: from now on jl2tp's, untouched. */
    record Adopt<T>(T live, T wanted, String why) implements Fate<T> {
        public void accept(Visitor<T> visitor) {
            visitor.adopt(live, wanted, why);
        }
    }

    record Create<T>(T wanted, String why) implements Fate<T> {
        public Optional<T> made() {
            return Optional.of(wanted);
        }

        public void accept(Visitor<T> visitor) {
            visitor.create(wanted, why);
        }
    }

    record Delete<T>(T live, String why, Optional<SourceMark> origin) implements Fate<T> {
        public Optional<T> going() {
            return Optional.of(live);
        }

        public void accept(Visitor<T> visitor) {
            visitor.delete(live, why, origin);
        }
    }

    /** Deleted and made again: it differs in something the kernel cannot change in place. */
    record Replace<T>(T live, T wanted, String why, Optional<SourceMark> origin) implements Fate<T> {
        public Optional<T> going() {
            return Optional.of(live);
        }

        public Optional<T> made() {
            return Optional.of(wanted);
        }

        public void accept(Visitor<T> visitor) {
            visitor.replace(live, wanted, why, origin);
        }
    }

    /** The config cannot have it without touching what is not jl2tp's: the apply stops. */
    record Conflict<T>(String message, Optional<SourceMark> origin) implements Fate<T> {
        public boolean inConflict() {
            return true;
        }

        public void accept(Visitor<T> visitor) {
            visitor.conflict(message, origin);
        }
    }

    /** Made outside jl2tp and not in the config (or not jl2tp's to delete): the plan does not touch it. */
    record LeftAlone<T>(T live) implements Fate<T> {
        public void accept(Visitor<T> visitor) {
            visitor.leaveAlone(live);
        }
    }
}
