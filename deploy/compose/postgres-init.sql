-- Run once by the postgres image on an empty data directory: one database per service, as the local stack makes them.
CREATE DATABASE verity_card;
CREATE DATABASE verity_verification;
CREATE DATABASE verity_search;
CREATE DATABASE verity_notification;
