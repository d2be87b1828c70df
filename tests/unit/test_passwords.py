"""Passwords: Argon2id hashes, and NCSC rules (length and common passwords, not composition)."""

from __future__ import annotations

from portal.accounts.passwords import (
    MIN_LENGTH,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)


def test_a_password_is_stored_as_an_argon2id_hash_that_verifies_only_itself():
    stored = hash_password("correct horse battery staple")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert verify_password(stored, "correct horse battery staple")
    assert not verify_password(stored, "correct horse battery stapler")
    assert not needs_rehash(stored)


def test_two_hashes_of_one_password_differ_because_each_has_its_own_salt():
    assert hash_password("correct horse battery staple") != hash_password(
        "correct horse battery staple"
    )


def test_no_stored_hash_or_a_broken_one_never_verifies():
    assert not verify_password(None, "not a password anyone has")
    assert not verify_password("not-a-hash", "anything")


def test_a_long_passphrase_of_lower_case_words_is_accepted_without_composition_rules():
    assert password_problems("three random words", "jo.bloggs@essex.gov.uk") == []


def test_a_short_password_is_refused_whatever_characters_it_mixes():
    problems = password_problems("Tr0ub4dor&3", "jo@essex.gov.uk")
    assert len("Tr0ub4dor&3") < MIN_LENGTH
    assert problems and "12 characters or more" in problems[0]


def test_a_commonly_used_password_or_one_built_from_the_email_is_refused():
    assert password_problems("Password123 ", "jo@essex.gov.uk") != []
    assert password_problems("password 1 2 3", "jo@essex.gov.uk") != []
    assert password_problems("jobloggs is my name", "jobloggs@essex.gov.uk") != []
