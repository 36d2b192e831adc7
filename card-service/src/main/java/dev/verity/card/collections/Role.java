package dev.verity.card.collections;

/** What a person may do in a collection. Roles are ordered: each includes everything the ones before it allow. */
public enum Role {
    /** Search, view and comment. */
    READ_ONLY,
    /** Also create, edit, verify, move, archive and restore cards. */
    AUTHOR,
    /** Also change the collection's settings and its access list. */
    COLLECTION_OWNER;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }
}
