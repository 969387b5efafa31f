from django.urls import path

from rasmi.registry import views
from rasmi.registry.feeds import RegisterChangesFeed

app_name = "registry"
urlpatterns = [
    path("", views.verify_page, name="verify"),
    path("direktori/", views.directory, name="directory"),
    path("direktori/<slug:code>/", views.organisation, name="organisation"),
    path("banci/", views.census_page, name="census"),
    path("banci.csv", views.census_csv, name="census_csv"),
    path("perubahan.atom", RegisterChangesFeed(), name="changes_feed"),
    path("staf/", views.staff_home, name="staff_home"),
    path("staf/akaun/baru/", views.submit_account, name="submit_account"),
    path("staf/akaun/<int:pk>/", views.account_detail, name="account_detail"),
    path("staf/akaun/<int:pk>/semakan/", views.review_account, name="review_account"),
    path("staf/akaun/<int:pk>/status/", views.change_status, name="change_status"),
    path("staf/akaun/<int:pk>/alamat/", views.move_account, name="move_account"),
    path("staf/akaun/<int:pk>/sahkan-semula/", views.recertify_account, name="recertify"),
    path("staf/lewat/", views.overdue, name="overdue"),
    path("staf/import/", views.import_registry, name="import"),
]
