package imageserver.web;

/** The login form, in the viewer's style sheet (no script, no inline style). */
final class LoginPage {
    private LoginPage() {
    }

    static String render(String next, String message) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Log in · image-server</title>"
                + "<link rel=\"stylesheet\" href=\"/static/viewer.css\">" + ViewerPage.FAVICON
                + "</head><body class=\"login\">"
                + "<form method=\"post\" action=\"" + LoginService.LOGIN + "\">"
                + "<h1>image-server</h1>"
                + (message == null ? "" : "<p class=\"message\" role=\"alert\">" + Html.escape(message) + "</p>")
                + "<label for=\"password\">Password</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                + " required autofocus>"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.escape(next) + "\">"
                + "<button type=\"submit\">Log in</button>"
                + "</form></body></html>\n";
    }
}
