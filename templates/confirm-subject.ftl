<#if alreadySubscribed>You are already subscribed<#else>Please confirm your subscription</#if>
