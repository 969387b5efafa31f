"""The inbox set-up pages, included under /inbox/tetapan/ (namespace inbox:setup)."""

from django.urls import path

from rasmi.inbox import setup_views as views

app_name = "setup"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:code>/jawapan-sedia/", views.canned_list, name="canned"),
    path("<slug:code>/jawapan-sedia/baru/", views.canned_new, name="canned_new"),
    path("<slug:code>/jawapan-sedia/pratonton/", views.canned_preview, name="canned_preview"),
    path("<slug:code>/jawapan-sedia/<int:pk>/", views.canned_edit, name="canned_edit"),
    path("<slug:code>/jawapan-sedia/<int:pk>/padam/", views.canned_delete,
         name="canned_delete"),
    path("<slug:code>/pasukan/", views.team_list, name="teams"),
    path("<slug:code>/pasukan/baru/", views.team_new, name="team_new"),
    path("<slug:code>/pasukan/<int:pk>/", views.team_edit, name="team_edit"),
    path("<slug:code>/pasukan/<int:pk>/padam/", views.team_delete, name="team_delete"),
    path("<slug:code>/penghalaan/", views.rule_list, name="rules"),
    path("<slug:code>/penghalaan/baru/", views.rule_new, name="rule_new"),
    path("<slug:code>/penghalaan/uji/", views.rule_test, name="rule_test"),
    path("<slug:code>/penghalaan/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("<slug:code>/penghalaan/<int:pk>/padam/", views.rule_delete, name="rule_delete"),
    path("<slug:code>/penghalaan/<int:pk>/alih/", views.rule_move, name="rule_move"),
    path("<slug:code>/penghalaan/<int:pk>/aktif/", views.rule_toggle, name="rule_toggle"),
]
