package net.jl2tp.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jl2tp.model.Session;
import net.jl2tp.plan.Change;

/** What a step means for the links jl2tp owns: which it makes or adopts, and which it attaches to a bridge. */
final class LinkSteps {
    private LinkSteps() {
    }

    /** The links a step makes or adopts: jl2tp's own, never foreign ports, even before they exist. */
    static List<String> madeOrAdopted(Change change) {
        return change.accept(EFFECT).madeOrAdopted();
    }

    /** The step, if it attaches a link to a bridge (not a detach). */
    static Optional<Change.SetMaster> attach(Change change) {
        return change.accept(EFFECT).attach();
    }

    private record Effect(List<String> madeOrAdopted, Optional<Change.SetMaster> attach) {
    }

    private static final Effect NONE = new Effect(List.of(), Optional.empty());

    private static Effect made(String link) {
        return new Effect(List.of(link), Optional.empty());
    }

    private static final Change.Visitor<Effect> EFFECT = new Change.Visitor<>() {
        public Effect createTunnel(Change.CreateTunnel c) {
            return NONE;
        }

        public Effect deleteTunnel(Change.DeleteTunnel c) {
            return NONE;
        }

        public Effect createSession(Change.CreateSession c) {
            return c.session().interfaceName() == null ? NONE : made(c.session().interfaceName());
        }

        public Effect deleteSession(Change.DeleteSession c) {
            return NONE;
        }

        public Effect modifySession(Change.ModifySession c) {
            return NONE;
        }

        public Effect createLink(Change.CreateLink c) {
            return made(c.link().name());
        }

        public Effect deleteLink(Change.DeleteLink c) {
            return NONE;
        }

        public Effect setMtu(Change.SetMtu c) {
            return NONE;
        }

        public Effect setMaster(Change.SetMaster c) {
            return new Effect(List.of(), c.to().isPresent() ? Optional.of(c) : Optional.empty());
        }

        public Effect setUp(Change.SetUp c) {
            return NONE;
        }

        public Effect addAddress(Change.AddAddress c) {
            return NONE;
        }

        public Effect deleteAddress(Change.DeleteAddress c) {
            return NONE;
        }

        public Effect adopt(Change.Adopt c) {
            List<String> names = new ArrayList<>(c.owned().links().keySet());
            c.owned().sessions().values().stream().map(Session::interfaceName).filter(Objects::nonNull).forEach(names::add);
            return new Effect(names, Optional.empty());
        }
    };
}
