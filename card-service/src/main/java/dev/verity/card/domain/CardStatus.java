package dev.verity.card.domain;

public enum CardStatus {
    DRAFT, PUBLISHED, ARCHIVED
}
