package dev.verity.verification.access;

/**
 * What a person may do in a collection, as card-service grants it. Ordered: each includes what the ones before allow.
 * Here: readers read, flag and request; authors also change a card's verification policy; owners also change the
 * collection's defaults.
 */
public enum Role {
    READ_ONLY, AUTHOR, COLLECTION_OWNER;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }
}
