<#if alreadySubscribed>
${msg("confirm.already.intro", email)}
<#list newsletters as n>
  - ${n}
</#list>

${msg("confirm.already.nothingChanged")} ${msg("confirm.already.changeText")}
${link}
<#else>
${msg("confirm.intro", email)}
<#list newsletters as n>
  - ${n}
</#list>

${msg("confirm.openWithin", validFor)}
${link}

${msg("confirm.ignore")}
</#if>
