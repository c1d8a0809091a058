${newsletter.title}
${edition.date}
<#if newsletter.description?has_content>

${newsletter.description}
</#if>
<#list items as item>

${item.title}
<#if item.author?has_content>${item.author} · </#if>${item.date}
<#if item.excerpt?has_content>${item.excerpt}
</#if>
<#if item.link?has_content>${item.link}
</#if>
</#list>
<#if (edition.moreCount > 0)>

${msg.plural("digest.andMore", edition.moreCount)}<#if edition.moreUrl?has_content>: ${edition.moreUrl}</#if>
</#if>
<#if updates?has_content>

${msg("digest.updated")}
<#list updates as update>

${update.title}
${update.change}
<#if update.link?has_content>${update.link}
</#if>
</#list>
</#if>

<#if recipient.email?has_content>
--
${msg("digest.footer.reason", recipient.email, newsletter.title)}
<#if links.viewInBrowser?has_content>${msg("digest.viewInBrowser")}: ${links.viewInBrowser}
</#if>
<#if links.preferences?has_content>${msg("digest.preferences")}: ${links.preferences}
</#if>
${msg("digest.unsubscribe")}: ${links.unsubscribe}
</#if>
