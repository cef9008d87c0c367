// fk-without-index across files: a foreign key that no code looks up or joins by.
#pragma once
#include <vector>

#include "rules/workspace/workspace_check.hpp"

namespace agentlens::rules {

/// Drops fk-without-index findings whose column nothing in the service queries by: no string
/// (SQL, `Where("author_id = ?")`) names the column, no struct literal keys on the field
/// (`Where(&Comment{UserID: id})`), no `filter_by(user_id=…)` or `Model.user_id ==` comparison, and
/// no has-many association loads the children by it (`Comments []Comment` in `Article` for
/// `ArticleID`, a `foreignKey:` tag, `relationship("Comment")`). An index serves lookups and joins;
/// a key that is only followed from child to parent (by the parent's primary key) has none.
/// Test, generated and migration files do not count as queries. Does nothing when the workspace
/// cannot be read (single documents in the editor).
void fkUnqueriedAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view);

}  // namespace agentlens::rules
