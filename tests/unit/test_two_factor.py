"""The second factor: codes from the app, never accepted twice; recovery codes, each once."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyotp

from portal.accounts import two_factor
from portal.data.accounts import StaffUser

NOW = 1_800_000_000.0  # a fixed moment: no test depends on the clock


def account(**values) -> StaffUser:
    return StaffUser(id=7, email="jo@essex.gov.uk", totp_secret=pyotp.random_base32(), **values)


def test_the_current_code_is_accepted_once_and_then_refused_as_a_replay():
    user = account()
    code = pyotp.TOTP(user.totp_secret).at(NOW)
    assert two_factor.accept_code(user, code, now=NOW)
    assert not two_factor.accept_code(user, code, now=NOW)


def test_a_code_from_the_step_before_is_accepted_for_a_slow_clock_but_two_steps_is_not():
    user = account()
    totp = pyotp.TOTP(user.totp_secret)
    assert not two_factor.accept_code(user, totp.at(NOW - 60), now=NOW)
    assert two_factor.accept_code(user, totp.at(NOW - 30), now=NOW)


def test_once_a_code_is_used_an_earlier_code_is_refused_too():
    user = account()
    totp = pyotp.TOTP(user.totp_secret)
    assert two_factor.accept_code(user, totp.at(NOW), now=NOW)
    assert not two_factor.accept_code(user, totp.at(NOW - 30), now=NOW)


def test_spaces_in_a_typed_code_are_ignored_and_letters_are_refused():
    user = account()
    code = pyotp.TOTP(user.totp_secret).at(NOW)
    assert not two_factor.accept_code(user, "abcdef", now=NOW)
    assert two_factor.accept_code(user, f"{code[:3]} {code[3:]}", now=NOW)


def test_an_account_without_a_secret_accepts_no_code():
    user = account()
    user.totp_secret = None
    assert not two_factor.accept_code(user, "123456", now=NOW)


def test_ten_recovery_codes_each_work_once_and_only_their_hashes_are_kept():
    user = account()
    codes = two_factor.new_recovery_codes(user)
    assert len(codes) == len(set(codes)) == 10
    assert all(code not in row.code_hash for code in codes for row in user.recovery_codes)
    assert two_factor.use_recovery_code(user, codes[3].upper().replace("-", " "))
    assert not two_factor.use_recovery_code(user, codes[3])
    assert not two_factor.use_recovery_code(user, "abcd-efgh-jkmn-pqrs")
    assert two_factor.recovery_codes_left(user) == 9


def test_the_enrolment_qr_code_is_an_svg_image_named_by_its_title():
    user = account()
    svg = str(two_factor.qr_code_svg(user))
    root = ET.fromstring(svg)
    assert root.tag == "svg" and root.get("role") == "img"
    assert root[0].tag == "title" and "authenticator app" in root[0].text
    assert "style=" not in svg  # the Content-Security-Policy allows no inline style


def test_the_secret_is_shown_in_groups_of_four_for_typing():
    assert two_factor.grouped_secret("ABCDEFGHIJKLMNOP") == "ABCD EFGH IJKL MNOP"
