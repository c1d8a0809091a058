<#if alreadySubscribed>
Someone, perhaps you, asked to subscribe ${email} again. This address already receives:
<#list newsletters as n>
  - ${n}
</#list>

Nothing has changed. To change what you receive, or to unsubscribe:
${link}
<#else>
Someone, perhaps you, asked to subscribe ${email} to:
<#list newsletters as n>
  - ${n}
</#list>

To confirm, open this link within ${validFor}:
${link}

If you did not ask for this, ignore this mail: nothing will be sent to you.
</#if>
