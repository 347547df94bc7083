// The client list's query parameters as the API reads them (q, status, category_id,
// assigned_user_id, archived, sort, limit, cursor): the list and the export share them.
#pragma once

#include "core/error.hpp"
#include "http/web_server.hpp"
#include "modules/crm/storage/client_search.hpp"

namespace comptoir::crm {

Result<ClientListQuery> client_list_query(const http::RequestBase& ctx);

}  // namespace comptoir::crm
