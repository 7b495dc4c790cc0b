"""The squashed migration file (header + body) and the squash report, as text."""

from __future__ import annotations

from pgparity.migrations.squash import Squash, squash_text
from pgparity.migrations.touches import chains, render_effects, transients


def file_text(squash: Squash) -> str:
    return squash_text(squash.input, squash.body, squash.verification)


def render_report(squash: Squash) -> str:
    inp = squash.input
    carry = squash.carry
    lines = [
        f"squash of {len(inp.squashed)} migration(s) through {inp.squashed[-1].label}"
        f" ({len(inp.remaining)} later file(s) kept)",
        f"schema: {squash.schema_steps} step(s); carried: {len(carry.data)} data statement(s), "
        f"{len(carry.settings)} setting(s), {len(carry.roles)} role statement(s)",
    ]
    if squash.verification is not None:
        state = "passed" if squash.verification.ok else "FAILED"
        lines.append(f"verification {state}: {squash.verification.summary}")
    lines += ["", "objects each migration touched (+ created, ~ altered, - dropped):"]
    lines += render_effects(squash.effects)
    found_chains = chains(squash.effects)
    lines += ["", f"chains (objects changed by several files): {len(found_chains) or 'none'}"]
    lines += [f"  {c.subject}: {', '.join(c.files)}" for c in found_chains]
    found = transients(squash.effects)
    lines += ["", f"created and later dropped: {len(found) or 'none'}"]
    lines += [f"  {t.label}: created in {t.created_in}, dropped in {t.dropped_in}" for t in found]
    if carry.data:
        lines += ["", "data statements carried:"]
        lines += [f"  {e.where}: {e.reason or e.kind.value}" for e in carry.data]
    if carry.opaque:
        lines += ["", "not carried (may change rows; check by hand):"]
        lines += [f"  {e.where}: {e.reason.upper()}" for e in carry.opaque]
    seed = [f for f in inp.folder.files if f.kind.value == "seed"]
    if seed:
        lines += ["", f"not part of the squash: {seed[0].label} (seed data runs after migrations as before)"]
    return "\n".join(lines) + "\n"
