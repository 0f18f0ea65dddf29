"""All or nothing: a service's writes stay only when it returns (``@atomic``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

P = ParamSpec("P")
R = TypeVar("R")


def atomic(func: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Run a service in a savepoint: if it refuses, none of its writes stay in the session,
    even when the caller catches the refusal and commits other work."""

    def wrapper(session: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if session.in_transaction() or len(session.identity_map):
            with session.begin_nested():
                return func(session, *args, **kwargs)
        # The session holds nothing yet (the service is the first work of its transaction):
        # rolling the whole transaction back on a refusal undoes exactly what rolling back a
        # savepoint would, without a savepoint's two statements per call.
        try:
            return func(session, *args, **kwargs)
        except BaseException:
            session.rollback()
            raise

    functools.update_wrapper(wrapper, func)
    return wrapper
