"""People in the ledger: keyed by a salted hash of the ID number, shown only masked.

人数 (distinct people) must be exact across days and applications, so a person is their ID number;
the number itself is never stored (DOMAIN.md): the key is an HMAC-SHA256 of the normalised number under
the ledger's own salt, beside the masked number (`4690**********1234`) and the masked phone.
"""

from __future__ import annotations

import hashlib
import hmac

from data.idcard import normalise


def id_hash(salt: str, id_number: str) -> str:
    """The person key: 64 hex characters; the same number (either letter case of X) always gives the same key."""
    return hmac.new(salt.encode("ascii"), normalise(id_number).encode("utf-8"), hashlib.sha256).hexdigest()
