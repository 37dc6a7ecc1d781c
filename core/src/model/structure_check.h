// Checks of the service graph shared by the loader and build_plan: cycles and unresolvable scopes.
#pragma once

#include <string>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/model/architecture.h"

namespace outagesim::model {

// A name as one JSON pointer token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(const std::string& name);

// Dependency cycles among services ("web -> api -> web" at /services/web/depends_on) and
// scoped dependencies that a replica's location cannot resolve (a same_zone dependency of a
// replica placed at a region), at /services/<s>/depends_on/<i>. Empty when the structure is sound.
std::vector<Problem> check_structure(const Architecture& architecture);

}  // namespace outagesim::model
