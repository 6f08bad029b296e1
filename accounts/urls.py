from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import forms, views

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/sent/", views.signup_sent, name="signup_sent"),
    path("accounts/signup/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            form_class=forms.EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    # Django's LogoutView answers only POST, so a link or a prefetch can never sign anyone out.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(form_class=forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("settings/", views.settings, name="settings"),
    path(
        "settings/password/",
        views.PasswordChangeView.as_view(
            form_class=forms.PasswordChangeForm, success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path(
        "settings/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("settings/delete/", views.delete_account, name="delete_account"),
]
