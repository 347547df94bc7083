// The actions of the document page, each a POST form with the CSRF token: validate, change status,
// convert (order, invoice, pro forma, credit note, deposit invoice), situation invoice, archive,
// restore, delete a draft. Success redirects (303) to the document, or to the new draft; a refusal
// shows the document page again with the service's message (409, 422), a forbidden action 403.
#include "modules/sales/http/page_support.hpp"
#include "modules/sales/http/pages_internal.hpp"

namespace comptoir::sales::pages {
namespace {

using http::Method;
using http::PageContext;

// Runs `action` on the document of the path and redirects to where it says, or shows why not.
template <typename F>
void act(PageContext& ctx, const PageDeps& deps, F&& action) {
    auto id = ctx.path_id();
    if (!id) return ctx.error_page(document_not_found());
    Result<std::string> outcome = action(*id);
    if (outcome) return ctx.redirect(*outcome);
    const Error& error = outcome.error();
    if (error.kind == ErrorKind::Forbidden || error.kind == ErrorKind::NotFound || error.kind == ErrorKind::Unauthorized)
        return ctx.error_page(error);
    render_document_page(ctx, deps, *id, &error);
}

std::string page_of(std::int64_t id, const std::string& done) {
    return "/documents/" + std::to_string(id) + "?done=" + done;
}

Result<std::optional<DepositRequest>> deposit_of(const PageContext& ctx) {
    const std::string value = ctx.param("deposit_value");
    if (ctx.param("deposit_kind") == "amount") {
        auto amount = Money::parse(value, "deposit_value");
        if (!amount) return fail(amount.error());
        return std::optional(DepositRequest::of_amount(*amount));
    }
    auto percent = Decimal::parse(value, "deposit_value");
    if (!percent) return fail(percent.error());
    return std::optional(DepositRequest::of_percent(*percent));
}

}  // namespace

void register_action_pages(http::WebServer& web, PageDeps deps) {
    web.page(Method::Post, R"(/documents/(\d+)/validate)", [deps](PageContext& ctx) {
        act(ctx, deps, [&](std::int64_t id) -> Result<std::string> {
            auto done = deps.documents.validate(ctx.actor(), id);
            if (!done) return fail(done.error());
            return page_of(id, "validated");
        });
    });

    web.page(Method::Post, R"(/documents/(\d+)/status)", [deps](PageContext& ctx) {
        act(ctx, deps, [&](std::int64_t id) -> Result<std::string> {
            auto status = parse_document_status(ctx.param("status"));
            if (!status)
                return fail(Error::invalid_field("status", status.error().code, status.error().message_fr, status.error().message_en));
            auto done = deps.documents.change_status(ctx.actor(), id, *status);
            if (!done) return fail(done.error());
            return page_of(id, *status == DocumentStatus::Validated ? "validated" : "status");
        });
    });

    web.page(Method::Post, R"(/documents/(\d+)/convert)", [deps](PageContext& ctx) {
        act(ctx, deps, [&](std::int64_t id) -> Result<std::string> {
            auto type = parse_document_type(ctx.param("type"));
            if (!type) return fail(Error::invalid_field("type", type.error().code, type.error().message_fr, type.error().message_en));
            std::optional<DepositRequest> deposit;
            if (*type == DocumentType::DepositInvoice) {
                auto requested = deposit_of(ctx);
                if (!requested) return fail(requested.error());
                deposit = *requested;
            }
            auto created = deps.documents.convert(ctx.actor(), id, *type, deposit);
            if (!created) return fail(created.error());
            return page_of(created->document.id, "converted");
        });
    });

    web.page(Method::Post, R"(/documents/(\d+)/situation)", [deps](PageContext& ctx) {
        act(ctx, deps, [&](std::int64_t id) -> Result<std::string> {
            // progress[0], progress[1]…: one cumulative percentage per contract line, in order.
            SituationProgress progress;
            std::vector<FieldIssue> issues;
            for (std::size_t i = 0; ctx.has_param("progress[" + std::to_string(i) + "]"); ++i) {
                const std::string field = "progress[" + std::to_string(i) + "]";
                std::string text = ctx.param(field);
                auto p = Decimal::parse(text.empty() ? "0" : text, field);
                if (!p) {
                    for (auto f : p.error().fields) {
                        f.message_fr = "Ligne " + std::to_string(i + 1) + " : " + f.message_fr;
                        f.message_en = "Line " + std::to_string(i + 1) + ": " + f.message_en;
                        issues.push_back(std::move(f));
                    }
                } else {
                    progress.cumulative_percent.push_back(*p);
                }
            }
            if (!issues.empty()) return fail(Error::invalid(issues));
            auto created = deps.documents.situation(ctx.actor(), id, progress);
            if (!created) return fail(created.error());
            return page_of(created->document.id, "converted");
        });
    });

    for (bool archive : {true, false}) {
        web.page(Method::Post, archive ? R"(/documents/(\d+)/archive)" : R"(/documents/(\d+)/restore)",
                 [deps, archive](PageContext& ctx) {
                     act(ctx, deps, [&](std::int64_t id) -> Result<std::string> {
                         auto done = deps.documents.set_archived(ctx.actor(), id, archive);
                         if (!done) return fail(done.error());
                         return page_of(id, archive ? "archived" : "restored");
                     });
                 });
    }

    web.page(Method::Post, R"(/documents/(\d+)/delete)", [deps](PageContext& ctx) {
        act(ctx, deps, [&](std::int64_t id) -> Result<std::string> {
            auto done = deps.documents.remove(ctx.actor(), id);
            if (!done) return fail(done.error());
            return std::string("/documents?done=deleted");
        });
    });
}

}  // namespace comptoir::sales::pages
