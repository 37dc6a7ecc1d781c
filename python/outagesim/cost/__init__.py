"""Cost of a design: the infrastructure price with its origins, and the business impact."""

from .business import CostEvaluation, business_impact, evaluate_cost, sla_window_hours
from .price import infra_cost, price

__all__ = [
    "CostEvaluation",
    "business_impact",
    "evaluate_cost",
    "sla_window_hours",
    "infra_cost",
    "price",
]
