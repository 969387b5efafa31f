from rasmi.people import permissions


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_coordinator": False, "is_staff_member": False}
    return {
        "is_coordinator": permissions.is_coordinator(user),
        "is_staff_member": permissions.is_staff_member(user),
    }
