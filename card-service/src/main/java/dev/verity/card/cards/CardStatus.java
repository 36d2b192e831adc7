package dev.verity.card.cards;

public enum CardStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
