<#-- One line; feedletter removes line breaks and cuts it to fit a mail header. -->
<#-- An edition can hold only updates (newsletters with updates: enabled): then the subject names the first. -->
<#if items?has_content>${newsletter.title}: ${items[0].title}<#if (items?size + edition.moreCount) gt 1> and ${items?size + edition.moreCount - 1} more</#if><#else>${newsletter.title}: updated: ${updates[0].title}<#if updates?size gt 1> and ${updates?size - 1} more</#if></#if>
