// The HTTP edge: routing, authentication (session cookie for pages, bearer token for /api/v1),
// CSRF checks on every state-changing page request, rendering, and the mapping of errors.
// Handlers are thin adapters: read the request, call one service function, render the result.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "core/error.hpp"
#include "http/renderer.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace comptoir::http {

struct SessionInfo {
    Actor actor;
    std::string csrf_token;
};

// Implemented by the identity module: resolves credentials to an Actor.
class Authenticator {
public:
    virtual ~Authenticator() = default;
    virtual std::optional<SessionInfo> session(const std::string& token) = 0;
    virtual std::optional<Actor> bearer(const std::string& token) = 0;
};

// An entry of the main navigation; each module registers its own, so new capabilities slot in.
struct NavItem {
    std::string key;        // "clients"
    std::string label_key;  // translation key, "nav.clients"
    std::string href;       // "/clients"
    std::string icon;       // a short glyph name used by the CSS
    bool admin_only = false;
    int order = 100;
};

class RequestBase {
public:
    RequestBase(const httplib::Request& req, httplib::Response& res) : req_(req), res_(res) {}
    const httplib::Request& request() const { return req_; }
    httplib::Response& response() { return res_; }
    std::string param(const std::string& name) const;  // query string or form body; "" when absent
    std::vector<std::string> params(const std::string& name) const;
    bool has_param(const std::string& name) const;
    std::string path_arg(std::size_t index) const;       // regex capture group (1-based)
    std::optional<std::int64_t> path_id(std::size_t index = 1) const;
    std::string header(const std::string& name) const;
    std::string client_ip() const;  // the peer, or behind a trusted proxy the address it forwarded
    void set_response_header(const std::string& name, const std::string& value);

protected:
    const httplib::Request& req_;
    httplib::Response& res_;
};

class WebServer;

class PageContext : public RequestBase {
public:
    PageContext(const httplib::Request& req, httplib::Response& res, WebServer& server, SessionInfo session)
        : RequestBase(req, res), server_(server), session_(std::move(session)) {}
    const Actor& actor() const { return session_.actor; }
    const std::string& csrf_token() const { return session_.csrf_token; }
    const std::string& locale() const { return session_.actor.locale; }
    bool is_htmx() const;
    std::string t(const std::string& key) const;
    std::string message(const Error& error) const;  // the error's message in the viewer's language

    // Renders a full page inside the layout, or only the content for htmx requests that target it.
    void render_page(const std::string& tmpl, nlohmann::json data, const std::string& title, const std::string& nav_key,
                     int status = 200);
    void render_fragment(const std::string& tmpl, const nlohmann::json& data, int status = 200);
    void redirect(const std::string& to);
    void error_page(const Error& error);
    // Field errors keyed by field name, for forms: {"siret": "message", ...}.
    nlohmann::json field_errors(const Error& error) const;

private:
    WebServer& server_;
    SessionInfo session_;
};

class ApiContext : public RequestBase {
public:
    ApiContext(const httplib::Request& req, httplib::Response& res, Actor actor)
        : RequestBase(req, res), actor_(std::move(actor)) {}
    const Actor& actor() const { return actor_; }
    // The request body as a JSON object, or an Invalid error naming what is wrong.
    Result<nlohmann::json> body() const;
    void send(const nlohmann::json& body, int status = 200);
    void problem(const Error& error);
    void no_content();

private:
    Actor actor_;
};

using PageHandler = std::function<void(PageContext&)>;
using ApiHandler = std::function<void(ApiContext&)>;
using PublicHandler = std::function<void(RequestBase&)>;

enum class Method { Get, Post, Put, Patch, Delete };

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    int threads = 32;
    // Larger request bodies are refused (413) before any handler reads them. The client import
    // takes files up to 30 MB (and says so itself below that).
    std::size_t max_body_bytes = 32 * 1024 * 1024;
    bool secure_cookies = false;  // set when served behind HTTPS
    // Reverse proxies (exact addresses) whose X-Forwarded-For is believed: behind them the client's
    // address, which login throttling counts, is the last one in that header not itself a proxy.
    std::vector<std::string> trusted_proxies;
};

class WebServer {
public:
    WebServer(ServerOptions options, Authenticator& auth);
    ~WebServer();

    void page(Method method, const std::string& pattern, PageHandler handler);
    void api(Method method, const std::string& pattern, ApiHandler handler);
    void public_route(Method method, const std::string& pattern, PublicHandler handler);
    void add_nav(NavItem item);

    const Renderer& renderer() const { return renderer_; }
    const std::vector<NavItem>& nav() const { return nav_; }
    const ServerOptions& options() const { return options_; }
    // Every /api/v1 route as (method, regex), so a test can hold the OpenAPI document to them.
    const std::vector<std::pair<std::string, std::string>>& api_routes() const { return api_routes_; }
    // The OpenAPI 3.1 document: web/openapi/base.json merged with each module's api/*.openapi.json.
    static nlohmann::json openapi_document();

    // Cookie helpers shared by the login pages.
    static constexpr const char* kSessionCookie = "comptoir_session";
    static constexpr const char* kLoginCsrfCookie = "comptoir_login_csrf";
    void set_cookie(httplib::Response& res, const std::string& name, const std::string& value, int max_age_seconds) const;
    static std::string cookie(const httplib::Request& req, const std::string& name);

    // Binds and serves until stop(); returns false if the address cannot be bound.
    bool listen();
    // Binds to the configured host and an ephemeral port (tests); returns the port.
    int bind_any_port();
    void listen_after_bind();
    void stop();

private:
    void route(Method method, const std::string& pattern, std::function<void(const httplib::Request&, httplib::Response&)>);
    void configure();

    ServerOptions options_;
    Authenticator& auth_;
    Renderer renderer_;
    std::vector<NavItem> nav_;
    std::vector<std::pair<std::string, std::string>> api_routes_;
    std::unique_ptr<httplib::Server> server_;
};

}  // namespace comptoir::http
