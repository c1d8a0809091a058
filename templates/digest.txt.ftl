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

And ${edition.moreCount} more<#if edition.moreUrl?has_content>: ${edition.moreUrl}</#if>
</#if>
<#if updates?has_content>

Updated
<#list updates as update>

${update.title}
${update.change}
<#if update.link?has_content>${update.link}
</#if>
</#list>
</#if>

<#if recipient.email?has_content>
--
You receive this because ${recipient.email} is subscribed to ${newsletter.title}.
<#if links.viewInBrowser?has_content>View in browser: ${links.viewInBrowser}
</#if>
<#if links.preferences?has_content>Preferences: ${links.preferences}
</#if>
Unsubscribe: ${links.unsubscribe}
</#if>
