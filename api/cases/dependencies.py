from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from api.auth.dependencies import CurrentStaff
from api.cases.models import Case
from api.cases.service import load_case
from api.core.routing import SessionDep


def visible_case(case_id: uuid.UUID, staff: CurrentStaff, session: SessionDep) -> Case:
    return load_case(session, staff, case_id)


VisibleCase = Annotated[Case, Depends(visible_case)]
