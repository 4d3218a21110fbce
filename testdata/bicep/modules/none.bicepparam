using none

param anything = 'value'
