<#if alreadySubscribed>${msg("confirm.subject.already")}<#else>${msg("confirm.subject")}</#if>
