#include "modules/duplicates/http/duplicate_pages.hpp"

namespace comptoir::duplicates {

// The pages come with the next change.
void register_duplicate_pages(http::WebServer&, DuplicateService&, crm::ClientService&) {}

}  // namespace comptoir::duplicates
