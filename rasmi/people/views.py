from django.contrib.auth import views as auth_views

from rasmi.ratelimit import rate_limited


class RateLimitedLoginView(auth_views.LoginView):
    """Login with the public rate limit on attempts, to slow password guessing."""

    template_name = "people/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        limited = rate_limited(request, "login", per_minute=10)
        if limited is not None:
            return limited
        return super().post(request, *args, **kwargs)
