"""Every ORM write to a record is made in its app's services.py (round 31).

The source of backend/shuangshi (tests and migrations aside) is read with ``ast``; a call
counts as a write when it is one of these, outside a services.py module and the allow-list:

- ``bulk_create``, ``bulk_update``, ``get_or_create``, ``update_or_create`` on anything
  (only Django's managers and querysets have them);
- ``create``, ``update`` or ``delete`` on a chain that starts at a manager (``X.objects…``,
  ``X._default_manager…``), or at a local name the same function assigned such a chain to
  (``old = X.objects.filter(…)`` … ``old.update(…)``);
- ``save()`` with no positional argument (a model, form or serializer save: openpyxl's
  ``book.save(buffer)`` takes one) and ``delete()`` with no argument (``cache.delete(key)``
  takes one).

What it cannot see: a queryset reached through another function's return value or an
attribute, and raw SQL (``cursor.execute``). Those are reviewed by hand (round 31's list).
"""

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
ANY_RECEIVER = {"bulk_create", "bulk_update", "get_or_create", "update_or_create"}
FROM_MANAGER = {"create", "update", "delete"}
MANAGERS = {"objects", "_default_manager"}

# (module, function) → why that function may write outside a services module.
ALLOWED = {
    ("common/api.py", "apply_changes"): "the versioned save that the services call",
    ("common/bulk.py", "insert"): "the bulk mechanism behind the batch services",
    ("common/bulk.py", "update"): "the bulk mechanism behind the batch services",
    ("common/demo.py", "load_demo"): (
        "`builder.save()` is the demo builder's own method: it writes through the teacher "
        "batch services"
    ),
    ("qualification/intervals.py", "*"): (
        "the derived interval and count tables, written only from qualification.services "
        "inside its transaction (the module's docstring)"
    ),
    ("qualification/generate.py", "_bases_and_programs"): (
        "the synthetic country of the benchmarks (COPY at national size, not a user's write)"
    ),
}


def _root(node: ast.expr) -> ast.expr:
    """The start of an attribute/call chain: `X` in `X.objects.filter(...).update`."""
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return node


def _passes_manager(node: ast.expr) -> bool:
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr in MANAGERS:
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return False


def _from_manager(node: ast.expr, querysets: set[str]) -> bool:
    if _passes_manager(node):
        return True
    root = _root(node)
    return isinstance(root, ast.Name) and root.id in querysets


def _querysets(function: ast.AST) -> set[str]:
    """Local names assigned a chain that starts at a manager, in this function."""
    names: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and _passes_manager(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name) and _passes_manager(node.value):
                names.add(node.target.id)
    return names


def _is_write(call: ast.Call, querysets: set[str]) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in ANY_RECEIVER:
        return True
    if func.attr in FROM_MANAGER and _from_manager(func.value, querysets):
        return True
    if func.attr == "save" and not call.args:
        return True
    return func.attr == "delete" and not call.args and not call.keywords


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    """Each function (by name; methods by their own name) and the module's own code."""
    yield "<module>", tree
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node


def _own_calls(scope: ast.AST) -> Iterator[ast.Call]:
    """The calls of a function (or module) that are not inside a nested function."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def writes_outside_services() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        parts = rel.split("/")
        if "tests" in parts or "migrations" in parts or parts[-1] == "services.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for name, scope in _functions(tree):
            if (rel, name) in ALLOWED or (rel, "*") in ALLOWED:
                continue
            querysets = _querysets(scope)
            for call in _own_calls(scope):
                if _is_write(call, querysets):
                    found.append(f"{rel}:{call.lineno} {name}: {ast.unparse(call.func)}")
    return found


def test_only_the_services_write_records():
    assert writes_outside_services() == []


def test_the_scan_sees_the_writes_it_is_meant_to_see():
    source = """
def f(cutoff):
    Job.objects.create(kind="x")
    old = Job.objects.filter(created_at__lt=cutoff)
    old.exclude(content=b"").update(content=b"")
    Job._default_manager.filter(pk=1).delete()
    Job.objects.bulk_create([])
    row.save(update_fields=["job"])
    token.delete()
    values.update(more)
    book.save(buffer)
    cache.delete(key)
    digest.update(chunk)
"""
    function = ast.parse(source).body[0]
    querysets = _querysets(function)
    writes = [ast.unparse(c.func) for c in _own_calls(function) if _is_write(c, querysets)]
    assert sorted(writes) == sorted(
        [
            "Job.objects.create",
            "old.exclude(content=b'').update",
            "Job._default_manager.filter(pk=1).delete",
            "Job.objects.bulk_create",
            "row.save",
            "token.delete",
        ]
    )


def test_every_allowed_function_still_exists():
    """An allow-list entry whose function is gone or renamed would hide nothing: drop it."""
    for (rel, name), _why in ALLOWED.items():
        tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
        if name != "*":
            assert name in {n for n, _scope in _functions(tree)}, (rel, name)
