"""Password policy after NIST SP 800-63B: long enough, and not guessable — no composition rules.

800-63B asks verifiers to require a minimum length and to refuse passwords found in
lists of common, expected or compromised values, and not to impose character-class
rules. The "guessable" check is zxcvbn's (Dropbox's estimator, with its frequency lists
of common passwords, names and words, and patterns such as keyboard walks and repeats);
a password it expects to fall within ~10^8 guesses (score < 3) is refused, as is one
built on the username or the member's name.
"""

from __future__ import annotations

from interdict.errors import InputError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
#: zxcvbn score 3 = "safely unguessable: moderate protection from offline slow-hash
#: scenario" (>= 10^8 guesses); below that a throttled online attacker still has a chance.
MIN_STRENGTH = 3


def check_password(password: str, *context: str) -> None:
    """InputError naming why `password` is refused; `context`: username, member name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"password: at least {MIN_PASSWORD_LENGTH} characters are needed")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError(f"password: at most {MAX_PASSWORD_LENGTH} characters")
    from zxcvbn import zxcvbn  # its frequency lists load here, not in every command

    verdict = zxcvbn(password, user_inputs=[c for c in context if c])
    if verdict["score"] < MIN_STRENGTH:
        advice = verdict["feedback"].get("warning") or "it is too easy to guess"
        raise InputError(f"password: refused, {advice.rstrip('.').lower()}; use a long passphrase")
